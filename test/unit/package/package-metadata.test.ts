import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const repository = 'https://github.com/goodwe-kafka/goodwe-kafka';

// Inline links `[text](target)` and reference definitions `[label]: target`.
function readmeLinks(): string[] {
  const text = read('README.md');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g), ...text.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]!);
}

describe('the published package page', () => {
  it('links the repository, its home page and its issue tracker (npm shows none without them)', () => {
    const pkg = JSON.parse(read('package.json')) as Record<string, unknown>;
    expect(pkg['repository']).toEqual({ type: 'git', url: `git+${repository}.git` });
    expect(pkg['homepage']).toBe(`${repository}#readme`);
    expect(pkg['bugs']).toEqual({ url: `${repository}/issues` });
  });

  it('has only absolute README links, since npm cannot follow a relative one to docs/ or examples/', () => {
    const links = readmeLinks();
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link, link).toMatch(/^(https?:\/\/|#)/);
  });

  it('points every README link into the repository at a file that exists on the main branch', () => {
    const prefix = `${repository}/blob/main/`;
    const inRepo = readmeLinks().filter((link) => link.startsWith(repository));
    expect(inRepo.length).toBeGreaterThan(0);
    for (const link of inRepo) {
      expect(link, link).toMatch(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      const path = link.slice(prefix.length).replace(/#.*$/, '');
      expect(existsSync(new URL(path, root)), path).toBe(true);
    }
  });
});
