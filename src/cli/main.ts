import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// The package.json next to dist/ is the one that was installed; read the version from it so the
// CLI and the package can never disagree.
function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', '..', 'package.json'), join(here, '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'goodwe-kafka' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}

const help = `goodwe-kafka ${packageVersion()}

Consume GoodWe inverter telemetry from Apache Kafka.

Usage: goodwe-kafka <command> [options]

Commands (coming in the next releases): doctor, tail, replay, gaps, simulate, demo

Options:
  --version   print the version
  --help      print this help
`;

const [command] = process.argv.slice(2);
if (command === '--version' || command === '-v') {
  process.stdout.write(`${packageVersion()}\n`);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(help);
} else {
  process.stderr.write(`goodwe-kafka: unknown command "${command}". Run "goodwe-kafka --help".\n`);
  process.exitCode = 2;
}
