import { describe, expect, it } from 'vitest';
import { INVALID_PAYLOAD_KINDS, invalidPayload } from '../../../src/simulator/invalid-payload.js';
import { SeededRandom } from '../../../src/simulator/seeded-random.js';

const valid = JSON.stringify({ sn: '5010KETU21AB0001', last_time: 1_781_517_600_000, pac: 4265, eday: 9.8 });

/** What a strict decoder does: UTF-8, then JSON, then an object with a serial number. */
function decodes(bytes: Buffer): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const value: unknown = JSON.parse(text);
    return (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof (value as { sn?: unknown }).sn === 'string'
    );
  } catch {
    return false;
  }
}

describe('invalid payloads', () => {
  it('the valid payload they start from decodes', () => {
    expect(decodes(Buffer.from(valid))).toBe(true);
  });

  it('never decode, whatever kind', () => {
    const random = new SeededRandom(9);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const { kind, value } = invalidPayload(valid, 'sn', random);
      seen.add(kind);
      expect(decodes(value), `${kind}: ${value.toString('latin1')}`).toBe(false);
    }
    expect([...seen].sort()).toEqual([...INVALID_PAYLOAD_KINDS].sort());
  });

  it('keeps the rest of the reading when only the serial number is missing', () => {
    const random = new SeededRandom(1);
    for (;;) {
      const { kind, value } = invalidPayload(valid, 'sn', random);
      if (kind !== 'missing-serial') continue;
      expect(JSON.parse(value.toString())).toEqual({ last_time: 1_781_517_600_000, pac: 4265, eday: 9.8 });
      return;
    }
  });
});
