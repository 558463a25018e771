// Helper process for the harness test: starts a local broker, prints where it is, and waits.
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../harness/project-root.js';
import { startBroker } from '../harness/start-broker.js';

const broker = await startBroker({ root: projectRoot() });
// The broker JVM is the child of the guardian shell whose pid the harness knows.
const javaPid = Number(
  execFileSync('pgrep', ['-P', String(broker.pid), 'java'])
    .toString()
    .trim(),
);
process.stdout.write(`${JSON.stringify({ javaPid, plaintext: broker.info.plaintext, dir: broker.dir })}\n`);
setInterval(() => undefined, 60_000);
