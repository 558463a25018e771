import { describe, expect, it } from 'vitest';
import { CommitWatermarks } from '../../../src/consumer/commit-watermarks.js';

describe('commit watermarks', () => {
  it('reports nothing before any message is finished', () => {
    const marks = new CommitWatermarks();
    marks.start('t', 0, '5');
    expect(marks.takeCommittable()).toEqual([]);
  });

  it('commits one past the last finished offset', () => {
    const marks = new CommitWatermarks();
    marks.start('t', 0, '5');
    marks.finish('t', 0, '5');
    expect(marks.takeCommittable()).toEqual([{ topic: 't', partition: 0, offset: '6' }]);
  });

  it('never commits N+k while N is unfinished', () => {
    const marks = new CommitWatermarks();
    for (const offset of ['10', '11', '12']) marks.start('t', 0, offset);
    marks.finish('t', 0, '12');
    marks.finish('t', 0, '11');
    expect(marks.takeCommittable()).toEqual([]);
    marks.finish('t', 0, '10');
    expect(marks.takeCommittable()).toEqual([{ topic: 't', partition: 0, offset: '13' }]);
  });

  it('reports each advance once', () => {
    const marks = new CommitWatermarks();
    marks.start('t', 0, '1');
    marks.finish('t', 0, '1');
    expect(marks.takeCommittable()).toHaveLength(1);
    expect(marks.takeCommittable()).toEqual([]);
  });

  it('keeps partitions independent', () => {
    const marks = new CommitWatermarks();
    marks.start('t', 0, '1');
    marks.start('t', 1, '7');
    marks.finish('t', 1, '7');
    expect(marks.takeCommittable()).toEqual([{ topic: 't', partition: 1, offset: '8' }]);
    expect(marks.inFlight).toBe(1);
  });

  it('handles offsets beyond 2^53 without losing precision', () => {
    const marks = new CommitWatermarks();
    marks.start('t', 0, '9007199254740993');
    marks.finish('t', 0, '9007199254740993');
    expect(marks.takeCommittable()[0]?.offset).toBe('9007199254740994');
  });

  it('forgets a revoked partition entirely', () => {
    const marks = new CommitWatermarks();
    marks.start('t', 0, '1');
    marks.forget('t', 0);
    marks.finish('t', 0, '1');
    expect(marks.takeCommittable()).toEqual([]);
    expect(marks.inFlight).toBe(0);
  });

  it('ignores finishing an offset that was never started', () => {
    const marks = new CommitWatermarks();
    marks.start('t', 0, '1');
    marks.finish('t', 0, '2');
    expect(marks.takeCommittable()).toEqual([]);
  });
});
