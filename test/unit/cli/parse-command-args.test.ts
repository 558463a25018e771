import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../src/cli/parse-command-args.js';
import { UsageError } from '../../../src/cli/usage-error.js';

const flags = {
  from: { type: 'string' },
  to: { type: 'string' },
  start: { type: 'string' },
  serial: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

describe('parseCommandArgs', () => {
  it.each([
    [
      '--from -2h (a time ago, as the docs write it; parseArgs called it ambiguous)',
      ['--from', '-2h'],
      { from: '-2h' },
    ],
    ['--start -1d', ['--start', '-1d'], { start: '-1d' }],
    ['--from -30m --to -5m', ['--from', '-30m', '--to', '-5m'], { from: '-30m', to: '-5m' }],
    ['--from=-2h', ['--from=-2h'], { from: '-2h' }],
    ['a repeated flag', ['--serial', 'A', '--serial', 'B'], { serial: ['A', 'B'] }],
  ])('reads %s', (_name, args, expected) => {
    expect(parseCommandArgs('replay', args, flags)).toEqual(expected);
  });

  it.each([
    ['a flag where a value should be', ['--from', '--json']],
    ['a dash and a digit after a flag that takes no value', ['--json', '-2h']],
    ['an unknown flag', ['--form', '-2h']],
    ['a missing value', ['--from']],
  ])('refuses %s with a usage error', (_name, args) => {
    expect(() => parseCommandArgs('replay', args, flags)).toThrow(UsageError);
  });

  it('names the flag an unknown one is probably a misspelling of', () => {
    expect(() => parseCommandArgs('replay', ['--serail', 'A'], flags)).toThrow(
      "unknown flag '--serail' (did you mean --serial?)",
    );
    expect(() => parseCommandArgs('replay', ['--jsno'], flags)).toThrow('(did you mean --json?)');
  });

  it('suggests nothing for a flag unlike any it knows', () => {
    expect(() => parseCommandArgs('replay', ['--verbose'], flags)).toThrow(/^unknown flag '--verbose'$/);
  });
});
