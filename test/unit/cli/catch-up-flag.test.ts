import { describe, expect, it } from 'vitest';
import { backfillBar, parseCatchUp } from '../../../src/cli/catch-up-flag.js';

describe('--catch-up', () => {
  it('defaults to backlog and takes live-first', () => {
    expect(parseCatchUp(undefined, 'ingest')).toBe('backlog');
    expect(parseCatchUp('live-first', 'ingest')).toBe('live-first');
  });

  it('refuses another value with a usage error naming the choices', () => {
    expect(() => parseCatchUp('latest', 'ingest')).toThrow('--catch-up must be backlog or live-first, not "latest"');
  });

  it('draws the backfill as a progress bar only while there is one', () => {
    expect(backfillBar({ backfillTotal: 0, backfillPending: 0 })).toBe('');
    expect(backfillBar({ backfillTotal: 200, backfillPending: 50 })).toBe(
      'backfill [##################------]  75% 150/200',
    );
  });
});
