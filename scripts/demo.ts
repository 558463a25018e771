// `npm run demo`: the `goodwe-kafka demo` command, run from the sources. Flags pass through:
// npm run demo -- --inverters 2000 --speed-up max
import { runCli } from '../src/cli/run-cli.js';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('stopped by SIGINT')));
const code = await runCli(['demo', ...process.argv.slice(2)], {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});
process.exit(code);
