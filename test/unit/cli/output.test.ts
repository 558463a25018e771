import { describe, expect, it } from 'vitest';
import {
  formatTable,
  ndjsonLine,
  showDuration,
  showNumber,
  showTime,
  StreamingTable,
} from '../../../src/cli/output.js';
import { BufferWriter } from './fake-io.js';

describe('table and NDJSON output', () => {
  const columns = [
    { header: 'serial', cell: (r: { sn: string; w: number }) => r.sn },
    { header: 'W', cell: (r: { sn: string; w: number }) => String(r.w), align: 'right' as const },
  ];

  it('aligns columns to the widest cell, numbers to the right', () => {
    expect(
      formatTable(columns, [
        { sn: 'A1', w: 5 },
        { sn: 'LONGSERIAL', w: 1200 },
      ]),
    ).toBe('serial         W\nA1             5\nLONGSERIAL  1200\n');
  });

  it('prints the header once before the first streamed row', () => {
    const out = new BufferWriter();
    const table = new StreamingTable(out, columns);
    table.row({ sn: 'A1', w: 5 });
    table.row({ sn: 'B2', w: 7 });
    expect(out.text.split('\n').filter((l) => l.startsWith('serial'))).toHaveLength(1);
  });

  it('prints a streaming table header before any row when asked, and only once', () => {
    const out = new BufferWriter();
    const table = new StreamingTable(out, columns);
    table.header();
    expect(out.text).toBe('serial  W\n');
    table.row({ sn: 'A1', w: 5 });
    expect(out.text.split('\n').filter((l) => l.startsWith('serial'))).toHaveLength(1);
  });

  it('writes one JSON object per line with ISO dates and string bigints', () => {
    const line = ndjsonLine({ time: new Date(0), offset: 5n, nested: { at: new Date(1000) } });
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      offset: '5',
      nested: { at: '1970-01-01T00:00:01.000Z' },
    });
  });

  it('shows absent values as a dash', () => {
    expect(showNumber(null)).toBe('-');
    expect(showNumber(undefined)).toBe('-');
    expect(showNumber(41.25, 1)).toBe('41.3');
    expect(showTime(undefined)).toBe('-');
    expect(showTime(Date.parse('2026-06-15T08:05:00Z'))).toBe('2026-06-15 08:05:00Z');
    expect(showDuration(90_000)).toBe('2 min');
  });
});
