import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postgresBinDir } from '../support/postgres-server.js';

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe.skipIf(!postgresBinDir())('the local PostgreSQL harness', () => {
  it('stops the server and removes its folder when the process that started it is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/start-postgres-and-wait.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const started = JSON.parse(line) as { port: number; dir: string };
    expect(await portAccepts(started.port)).toBe(true);
    expect(existsSync(started.dir)).toBe(true);

    child.kill('SIGKILL');

    expect(await until(async () => !(await portAccepts(started.port)), 20_000)).toBe(true);
    expect(await until(() => !existsSync(started.dir), 10_000)).toBe(true);
  }, 60_000);
});
