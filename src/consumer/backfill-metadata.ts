/** Offsets `[from, to)` of one partition that the live stream skipped and a backfill still owes. */
export interface PendingRange {
  from: number;
  to: number;
}

const prefix = 'gwk-backfill:v1:';
// Brokers refuse commit metadata longer than offset.metadata.max.bytes (4096 by default).
const maxRanges = 100;

/**
 * Sorts and merges ranges; beyond `maxRanges` the closest ones are joined into one span, which
 * re-delivers the records between them but never drops one.
 */
export function normalizeRanges(ranges: readonly PendingRange[]): PendingRange[] {
  const sorted = ranges.filter((r) => r.to > r.from).sort((a, b) => a.from - b.from);
  const merged: PendingRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  while (merged.length > maxRanges) {
    let closest = 0;
    for (let i = 1; i < merged.length - 1; i++)
      if (merged[i + 1]!.from - merged[i]!.to < merged[closest + 1]!.from - merged[closest]!.to) closest = i;
    merged[closest]!.to = merged[closest + 1]!.to;
    merged.splice(closest + 1, 1);
  }
  return merged;
}

/** The commit metadata that records a partition's pending backfill: `gwk-backfill:v1:10-20,35-40`. */
export function encodeBackfillMetadata(ranges: readonly PendingRange[]): string | undefined {
  if (ranges.length === 0) return undefined;
  return (
    prefix +
    normalizeRanges(ranges)
      .map((r) => `${r.from}-${r.to}`)
      .join(',')
  );
}

/**
 * The pending ranges recorded in a committed offset's metadata; none when there is no metadata or
 * it is not ours (another tool committed for this group), so foreign metadata is never misread.
 */
export function decodeBackfillMetadata(metadata: string | undefined): PendingRange[] {
  if (!metadata?.startsWith(prefix)) return [];
  const ranges: PendingRange[] = [];
  for (const part of metadata.slice(prefix.length).split(',')) {
    const match = /^(\d+)-(\d+)$/.exec(part);
    if (!match) return [];
    ranges.push({ from: Number(match[1]), to: Number(match[2]) });
  }
  return normalizeRanges(ranges);
}
