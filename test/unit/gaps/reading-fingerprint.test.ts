import { describe, expect, it } from 'vitest';
import { readingFingerprint } from '../../../src/gaps/reading-fingerprint.js';

const base = { sn: 'SN1', last_time: '2026-10-25 02:30:00', pac: 1234, eday: 5.6, status: 'Normal' };

describe('reading fingerprint', () => {
  it('is the same for the same content', () => {
    expect(readingFingerprint({ ...base })).toBe(readingFingerprint(JSON.parse(JSON.stringify(base)) as typeof base));
  });

  it.each([
    { change: 'a power', raw: { ...base, pac: 1235 } },
    { change: 'the decimals of an energy counter', raw: { ...base, eday: 5.7 } },
    { change: 'a status string', raw: { ...base, status: 'Fault' } },
    { change: 'an extra field', raw: { ...base, temperature: 41 } },
  ])('differs when $change differs', ({ raw }) => {
    expect(readingFingerprint(raw)).not.toBe(readingFingerprint(base));
  });

  it('is never 0, which means unknown content to the dedupe window', () => {
    const prints = Array.from({ length: 200_000 }, (_, pac) => readingFingerprint({ sn: 'A', pac }));
    expect(prints.includes(0)).toBe(false);
  });
});
