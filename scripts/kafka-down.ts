// Stops the broker started by `npm run kafka:up` and removes its files.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../test/harness/project-root.js';

const stateFile = join(projectRoot(), '.kafka', 'up.json');
if (!existsSync(stateFile)) {
  process.stdout.write('No broker started by kafka:up is running.\n');
  process.exit(0);
}
const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid?: number; dir?: string };
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
if (state.pid !== undefined && alive(state.pid)) {
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (alive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
}
if (state.dir) rmSync(state.dir, { recursive: true, force: true });
rmSync(stateFile, { force: true });
process.stdout.write(`Stopped the broker${state.pid ? ` (pid ${state.pid})` : ''}.\n`);
