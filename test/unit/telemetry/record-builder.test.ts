import { describe, expect, it } from 'vitest';
import { RecordBuilder } from '../../../src/telemetry/record-builder.js';

describe('RecordBuilder', () => {
  const fill = (builder: RecordBuilder, slots: unknown[], values: Record<number, unknown>): void => {
    builder.reset();
    for (const [index, value] of Object.entries(values)) {
      slots[Number(index)] = value;
      builder.add(Number(index));
    }
  };

  it('builds an object of the filled slots in slot order and clears them', () => {
    const builder = new RecordBuilder(['a', 'b', 'c']);
    const slots: unknown[] = [undefined, undefined, undefined];
    fill(builder, slots, { 2: 'z', 0: null });
    const out = builder.build(slots);
    expect(out).toStrictEqual({ a: null, c: 'z' });
    expect(Object.keys(out)).toStrictEqual(['a', 'c']);
    expect(slots).toStrictEqual([undefined, undefined, undefined]);
  });

  it('builds the same record for the same fields filled in another order', () => {
    const builder = new RecordBuilder(['a', 'b']);
    const slots: unknown[] = [undefined, undefined];
    fill(builder, slots, { 0: 1, 1: 2 });
    const first = builder.build(slots);
    builder.reset();
    slots[1] = 2;
    builder.add(1);
    slots[0] = 1;
    builder.add(0);
    expect(builder.build(slots)).toStrictEqual(first);
  });

  it('keeps building correct records after thousands of distinct shapes', () => {
    const names = Array.from({ length: 16 }, (_, index) => `f${index}`);
    const builder = new RecordBuilder(names);
    const slots: unknown[] = names.map(() => undefined);
    for (let mask = 1; mask < 2 ** 16; mask += 7) {
      const values: Record<number, unknown> = {};
      for (let bit = 0; bit < 16; bit++) if (mask & (1 << bit)) values[bit] = bit;
      fill(builder, slots, values);
      const expected = Object.fromEntries(Object.entries(values).map(([index, value]) => [`f${index}`, value]));
      expect(builder.build(slots)).toStrictEqual(expected);
    }
  });
});
