import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../../src/cli/progress-bar.js';
import { BufferWriter } from './fake-io.js';

describe('progress bar', () => {
  it('draws nothing at all when the stream is piped', () => {
    const out = new BufferWriter(false);
    const bar = new ProgressBar(out, { label: 'replay' });
    bar.update(5, 10);
    bar.done();
    expect(bar.enabled).toBe(false);
    expect(out.text).toBe('');
  });

  it('redraws in place on a terminal and clears the line when done', () => {
    let now = 0;
    const out = new BufferWriter(true, 60);
    const bar = new ProgressBar(out, { label: 'replay', now: () => now });
    bar.update(5, 10);
    now += 50;
    bar.update(6, 10); // within redrawMs: skipped
    now += 100;
    bar.update(10, 10);
    const draws = out.text.split('\r').filter((s) => s.includes('replay'));
    expect(draws).toHaveLength(2);
    expect(draws[1]).toContain('100% 10/10');
    bar.done();
    expect(out.text.endsWith('\r')).toBe(true);
  });

  it('renders a share of the total, or a count when the total is unknown', () => {
    expect(ProgressBar.render('gaps', 1, 4)).toBe(`gaps [${'#'.repeat(6)}${'-'.repeat(18)}]  25% 1/4`);
    expect(ProgressBar.render('simulate', 42, undefined, '08:00')).toBe('simulate 42  08:00');
  });

  it.each([0, 1])(
    'draws and clears on a terminal that reports %i columns (it threw "Invalid count value: -1")',
    (columns) => {
      const out = new BufferWriter(true, columns);
      const bar = new ProgressBar(out, { label: 'simulate' });
      bar.update(15, undefined, '2026-06-15T06:40:32.000Z');
      expect(() => bar.done()).not.toThrow();
      expect(out.text).toContain('simulate 15  2026-06-15T06:40:32.000Z');
      expect(out.text.endsWith(`\r${' '.repeat(79)}\r`)).toBe(true);
    },
  );
});
