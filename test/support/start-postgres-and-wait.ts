// Starts a throwaway PostgreSQL, prints where it is as one JSON line, then waits to be killed: the
// harness test kills this process with SIGKILL and checks that the server went with it.
import { startPostgres } from './postgres-server.js';

const server = await startPostgres();
const port = Number(new URL(server.url).port);
process.stdout.write(`${JSON.stringify({ url: server.url, port, dir: server.dir })}\n`);
setInterval(() => undefined, 60_000);
