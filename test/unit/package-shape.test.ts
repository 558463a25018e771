import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src', import.meta.url));
const entries = ['index.ts', join('simulator', 'index.ts')];

function imports(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\s+'([^']+)'|import\('([^']+)'\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

describe('the published package shape', () => {
  it.each(entries)('%s exports nothing from src/internal/', (entry) => {
    expect(imports(entry).filter((path) => path.includes('/internal/'))).toEqual([]);
  });

  it('has no source that imports the broker harness or its dependencies', () => {
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const offending = files.flatMap((file) =>
      imports(file)
        .filter((path) => /(^|\/)(harness|broker)\/|testcontainers|dockerode|ssh2/.test(path))
        .map((path) => `${file}: ${path}`),
    );
    expect(offending).toEqual([]);
  });
});
