import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portAccepts(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = createConnection({ host: host!, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe('the local broker harness', () => {
  it.skipIf(process.env['KAFKA_BOOTSTRAP_SERVERS'] !== undefined)(
    'stops the broker and frees its ports when the process that started it is killed with SIGKILL',
    async () => {
      // A child process starts its own broker, reports it, then waits to be killed.
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/start-broker-and-wait.ts'], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, KAFKA_TEST_BACKEND: 'local' },
      });
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      const started = JSON.parse(line) as { javaPid: number; plaintext: string; dir: string };
      expect(await portAccepts(started.plaintext)).toBe(true);

      child.kill('SIGKILL');

      expect(await until(() => !isAlive(started.javaPid), 40_000)).toBe(true);
      expect(await until(async () => !(await portAccepts(started.plaintext)), 5_000)).toBe(true);
      expect(await until(() => !existsSync(started.dir), 5_000)).toBe(true);
    },
    90_000,
  );
});
