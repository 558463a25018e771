import type { runCli as RunCli } from './run-cli.js';

// First: fails with a PeerDependencyError, before any schema is built, when the app's zod is too
// old. Loaded dynamically so that this, too, is one line and exit code 2 rather than a stack trace.
let runCli: typeof RunCli;
try {
  await import('../peer/require-zod-4.js');
  ({ runCli } = await import('./run-cli.js'));
} catch (error) {
  const { message, code } = error as { message?: string; code?: string };
  process.stderr.write(`goodwe-kafka: ${String(message).split('\n')[0]}${code ? ` [${code}]` : ''}\n`);
  process.exit(2);
}

// Ctrl-C (or SIGTERM from a supervisor) asks the running command to stop: it closes its clients,
// leaves its consumer group and deletes what it created. A second Ctrl-C exits at once.
const controller = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort(new Error(`stopped by ${signal}`));
};
process.on('SIGINT', onSignal);
// Piped into `head` or a closed pager: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.on('SIGTERM', onSignal);

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});

// Exit explicitly: a failed librdkafka connect keeps a worker thread (and the process) alive until
// its own timeout (docs/connecting.md), which must not delay the answer. Writes to a pipe are
// asynchronous, so wait for stdout and stderr to drain first.
await Promise.all([
  new Promise<void>((resolve) => process.stdout.write('', () => resolve())),
  new Promise<void>((resolve) => process.stderr.write('', () => resolve())),
]);
process.exit(code);
