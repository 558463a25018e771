import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LateQueue } from '../../../src/simulator/late-queue.js';

describe('late queue', () => {
  it('releases items by due time, ties in the order they came', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (dues) => {
        const queue = new LateQueue<number>();
        dues.forEach((due, i) => queue.push(due, i));
        const out: number[] = [];
        while (queue.size > 0) out.push(queue.pop()!);
        const expected = dues.map((due, i) => ({ due, i })).sort((a, b) => a.due - b.due || a.i - b.i);
        expect(out).toEqual(expected.map((e) => e.i));
      }),
    );
  });

  it('reports Infinity as the next due time when empty', () => {
    const queue = new LateQueue<string>();
    expect(queue.peekDue()).toBe(Number.POSITIVE_INFINITY);
    expect(queue.pop()).toBeUndefined();
    queue.push(5, 'a');
    expect(queue.peekDue()).toBe(5);
  });
});
