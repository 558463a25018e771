import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const guide = readFileSync(join(root, 'docs/getting-started.md'), 'utf8');
const section = guide.slice(guide.indexOf('## 4. Your first consumer'));

/** The fenced blocks of a language in a text. */
function blocks(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('getting-started, section 4, followed literally in a new project', () => {
  // Inside the checkout (.tmp is git-ignored), so that the library's own dependencies resolve.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const project = mkdtempSync(join(root, '.tmp', 'first-consumer-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('runs consume.ts with npx tsx (top-level await failed in the CommonJS project npm init -y makes)', () => {
    const [code] = blocks(section, 'ts');
    const [shell] = blocks(section, 'sh');
    expect(code).toContain('await using consumer');
    writeFileSync(join(project, 'consume.ts'), code!);
    // The user's project, whether or not the guide says to make it: CommonJS, as npm makes it.
    execFileSync('npm', ['init', '-y'], { cwd: project, stdio: 'ignore' });
    for (const line of shell!.split('\n')) {
      const command = line.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
      if (command.length === 0 || command.join(' ') === 'npm init -y') continue;
      if (command[0] === 'npm' && command[1] === 'install') {
        // Not published from here: the package is the checkout's source, mapped as a user's tsconfig would.
        writeFileSync(
          join(project, 'tsconfig.json'),
          JSON.stringify({ compilerOptions: { paths: { 'goodwe-kafka': [join(root, 'src/index.ts')] } } }),
        );
      } else if (command[0] === 'npm') {
        execFileSync('npm', command.slice(1), { cwd: project, stdio: 'ignore' });
      } else {
        expect(command.slice(0, 2)).toEqual(['npx', 'tsx']);
        // npx tsx, with the checkout's tsx rather than one fetched from the registry.
        const run = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), ...command.slice(2)], {
          cwd: project,
          env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
          encoding: 'utf8',
          timeout: 60_000,
        });
        // It loads and runs: with no GOODWE_KAFKA_* variables set, connectionFromEnv() names the first.
        expect(run.stderr).not.toMatch(/Top-level await/);
        expect(run.stderr).toMatch(/ConfigError: Missing GOODWE_KAFKA_BOOTSTRAP_SERVERS/);
        expect(run.status).toBe(1);
      }
    }
  });
});
