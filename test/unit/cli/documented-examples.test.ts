import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../src/cli/parse-command-args.js';
import { commands } from '../../../src/cli/run-cli.js';
import { parseSimulationFlags } from '../../../src/cli/simulation-flags.js';
import { parseWindow } from '../../../src/cli/window-flags.js';

const root = new URL('../../../', import.meta.url);

/** Every `goodwe-kafka <command> ...` example line of a text, as the shell would split it. */
function examples(text: string): string[][] {
  const lines: string[][] = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf('goodwe-kafka ');
    // Usage synopses ([--flag], <command>) are not examples.
    if (at < 0 || /[[<]/.test(line)) continue;
    const words = line.slice(at).split(/\s+/).filter(Boolean);
    const end = words.findIndex((w) => ['|', '>', '&&', '#'].includes(w));
    const command = (end < 0 ? words : words.slice(0, end)).slice(1);
    if (commands.some((c) => c.name === command[0]) && !command.includes('--help')) lines.push(command);
  }
  return lines;
}

const documented = [
  ...['docs/cli.md', 'docs/getting-started.md', 'README.md'].flatMap((file) =>
    examples(readFileSync(new URL(file, root), 'utf8')).map((args) => [file, args] as const),
  ),
  ...commands.flatMap((c) =>
    examples(c.help.split('Examples:')[1] ?? '').map((args) => [`${c.name} --help`, args] as const),
  ),
];

describe('every documented goodwe-kafka example', () => {
  it('is found in the docs and in every command help', () => {
    expect(documented.filter(([where]) => where === 'docs/cli.md').length).toBeGreaterThanOrEqual(6);
    for (const command of commands) expect(documented.some(([where]) => where === `${command.name} --help`)).toBe(true);
  });

  it.each(documented.map(([where, args]) => [where, args.join(' '), args] as const))(
    '%s: goodwe-kafka %s parses',
    (_where, _line, [name, ...args]) => {
      const command = commands.find((c) => c.name === name)!;
      const values = parseCommandArgs(command.name, args, command.flags);
      if ('from' in command.flags) parseWindow(command.name, values);
      if ('start' in command.flags) parseSimulationFlags(command.name, values, {});
    },
  );
});
