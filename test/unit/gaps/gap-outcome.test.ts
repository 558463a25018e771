import { describe, expect, it } from 'vitest';
import { classifyGap, expectedReadings } from '../../../src/gaps/gap-outcome.js';

const MIN = 60_000;

describe('gap outcome', () => {
  it.each([
    { from: 0, to: 30, cadence: 5, expected: 5 },
    { from: 0, to: 31, cadence: 5, expected: 5 },
    { from: 0, to: 10, cadence: 5, expected: 1 },
    { from: 0, to: 7, cadence: 5, expected: 0 },
  ])('expects $expected readings between minute $from and $to at a $cadence-minute cadence', (row) => {
    expect(expectedReadings(row.from * MIN, row.to * MIN, row.cadence * MIN)).toBe(row.expected);
  });

  it.each([
    { name: 'all expected readings recovered', recovered: 5, outcome: 'refilled' },
    { name: 'more than expected recovered', recovered: 7, outcome: 'refilled' },
    { name: 'some recovered', recovered: 3, outcome: 'partial' },
    { name: 'nothing in the log', recovered: 0, outcome: 'not-in-log' },
    { name: 'retention began before the gap', recovered: 0, earliest: -5, outcome: 'not-in-log' },
    { name: 'retention began inside the gap', recovered: 2, earliest: 10, outcome: 'beyond-retention', lost: [0, 10] },
    { name: 'retention began after the gap', recovered: 0, earliest: 40, outcome: 'beyond-retention', lost: [0, 30] },
  ])('a 30-minute gap at a 5-minute cadence with $name is $outcome', ({ recovered, earliest, outcome, lost }) => {
    const event = classifyGap({
      serialNumber: 'A',
      partition: 2,
      from: 0,
      to: 30 * MIN,
      cadenceMs: 5 * MIN,
      recovered,
      earliestRetainedMs: earliest === undefined ? undefined : earliest * MIN,
    });
    expect(event).toEqual({
      serialNumber: 'A',
      partition: 2,
      from: new Date(0),
      to: new Date(30 * MIN),
      outcome,
      recovered,
      expected: 5,
      ...(lost ? { lost: { from: new Date(lost[0]! * MIN), to: new Date(lost[1]! * MIN) } } : {}),
    });
  });

  it('calls any recovery refilled when the cadence is unknown, and leaves expected out', () => {
    const event = classifyGap({ serialNumber: 'A', partition: 0, from: 0, to: MIN, recovered: 1 });
    expect(event.outcome).toBe('refilled');
    expect(event).not.toHaveProperty('expected');
  });
});
