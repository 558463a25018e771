import { describe, expect, it } from 'vitest';
import { closestKey } from '../../../src/internal/strict-options.js';

const known = ['groupId', 'topics', 'maxBufferedRecords', 'maxBufferedBytes', 'refill', 'store'];

describe('closest option name', () => {
  it.each([
    ['maxBufferedRecord', 'maxBufferedRecords', 'a missing letter'],
    ['maxBuferedBytes', 'maxBufferedBytes', 'a missing double letter'],
    ['groupID', 'groupId', 'the wrong case'],
    ['gropuId', 'groupId', 'two swapped letters'],
    ['refil', 'refill', 'a missing letter in a short name'],
    ['stor', 'store', 'one edit in a name under six letters'],
    ['mxBufferedByte', 'maxBufferedBytes', 'two edits in a long name'],
  ])('suggests %s -> %s (%s)', (typo, meant) => {
    expect(closestKey(typo, known)).toBe(meant);
  });

  it.each([
    ['colour', 'nothing close'],
    ['sto', 'two edits from a short name'],
    ['maxBufferedMessages', 'a different word'],
  ])('suggests nothing for %s (%s)', (key) => {
    expect(closestKey(key, known)).toBeUndefined();
  });
});
