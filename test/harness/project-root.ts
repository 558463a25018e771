import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above `from` holding `tools/kafka/pom.xml`: the project root. */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'tools', 'kafka', 'pom.xml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`No tools/kafka/pom.xml above ${from}: run this from a checkout of goodwe-kafka.`);
    dir = parent;
  }
  return dir;
}
