import type { KafkaConnection } from '../../auth/kafka-connection.js';
import { toClientConfig } from '../../kafka/connection-config.js';
import { KafkaAdmin } from '../../kafka/kafka-admin.js';
import type { KafkaMessage } from '../../kafka/kafka-message.js';
import { KafkaReader } from '../../kafka/kafka-reader.js';
import type { OffsetRange } from '../../kafka/read-ranges.js';
import { showDuration, showTime } from '../output.js';
import type { DoctorCheck } from './doctor-check.js';
import { readRecordsAt } from './read-records-at.js';

/** What the log of one partition holds. */
export interface PartitionLog {
  partition: number;
  low: string;
  high: string;
  earliest: Date | undefined;
  latest: Date | undefined;
}

/** A group's position on one partition. */
export interface GroupPosition {
  partition: number;
  committed: string | undefined;
  lag: number | undefined;
  /** How old the next record the group will read is: how far behind it is in time. */
  behindMs: number | undefined;
}

/**
 * Checks what the topic's log holds: per partition the offsets and the times of the earliest and
 * latest record, the retention (estimated from the earliest record: the client library cannot read
 * topic configs), and with a group its lag, and whether retention will delete records before the
 * group reads them.
 */
export async function checkTopicLog(
  connection: KafkaConnection,
  group: string | undefined,
  signal: AbortSignal,
  now = Date.now(),
): Promise<DoctorCheck[]> {
  const config = await toClientConfig(connection);
  const topic = connection.topic;
  await using reader = await KafkaReader.connect(config, [], { timeoutMs: connection.connectTimeoutMs, signal });
  const partitions = await reader.partitionsOf(topic);
  const logs: PartitionLog[] = [];
  for (const partition of partitions) {
    const { low, high } = await reader.queryWatermarks(topic, partition);
    logs.push({ partition, low, high, earliest: undefined, latest: undefined });
  }
  const nonEmpty = logs.filter((l) => BigInt(l.high) > BigInt(l.low));
  const recordsAt = (ranges: OffsetRange[]): Promise<Map<number, KafkaMessage>> =>
    readRecordsAt(reader, topic, ranges, signal, connection.connectTimeoutMs);
  const firsts = await recordsAt(
    nonEmpty.map((l) => ({ partition: l.partition, fromOffset: BigInt(l.low), toOffset: BigInt(l.high) })),
  );
  const lasts = await recordsAt(
    nonEmpty.map((l) => ({ partition: l.partition, fromOffset: BigInt(l.high) - 1n, toOffset: BigInt(l.high) })),
  );
  for (const log of logs) {
    const first = firsts.get(log.partition)?.timestamp;
    const last = lasts.get(log.partition)?.timestamp;
    if (first !== undefined) log.earliest = new Date(first);
    if (last !== undefined) log.latest = new Date(last);
  }
  const checks: DoctorCheck[] = [];
  const records = logs.reduce((sum, l) => sum + (BigInt(l.high) - BigInt(l.low)), 0n);
  checks.push({
    check: 'partitions',
    status: 'ok',
    summary: `${logs.length} partitions, ${records} records retained (${nonEmpty.length} partitions hold records)`,
    details: logs.map((l) => ({ partition: l.partition, low: l.low, high: l.high })),
  });
  for (const log of logs) {
    checks.push({
      check: `partition ${log.partition}`,
      status: 'info',
      summary:
        BigInt(log.high) > BigInt(log.low)
          ? `offsets ${log.low}..${BigInt(log.high) - 1n}, first record at ${showTime(log.earliest)}, last at ${showTime(log.latest)}`
          : `empty (next offset ${log.high})`,
      details: log,
    });
  }
  const earliest = Math.min(...logs.map((l) => l.earliest?.getTime() ?? Number.POSITIVE_INFINITY));
  const trimmed = logs.some((l) => BigInt(l.low) > 0n);
  const retainedMs = Number.isFinite(earliest) ? now - earliest : undefined;
  checks.push({
    check: 'retention',
    status: 'info',
    summary:
      retainedMs === undefined
        ? 'the topic holds no records: retention cannot be estimated'
        : `the oldest retained record is ${showDuration(retainedMs)} old${trimmed ? ' and older ones were deleted: that is about the retention' : '; nothing was deleted yet, so retention is at least that'} (estimated from record times: this client cannot read retention.ms)`,
    details: { earliestRetained: Number.isFinite(earliest) ? new Date(earliest) : null, retainedMs, trimmed },
  });
  if (group !== undefined) {
    const { positions, lost } = await groupPositions(config, recordsAt, topic, group, logs, now);
    checks.push(...groupChecks(group, positions, lost, retainedMs, trimmed));
  }
  return checks;
}

/** Where a group stands on each partition, and the ranges retention deleted before it read them. */
async function groupPositions(
  config: Awaited<ReturnType<typeof toClientConfig>>,
  recordsAt: (ranges: OffsetRange[]) => Promise<Map<number, KafkaMessage>>,
  topic: string,
  group: string,
  logs: readonly PartitionLog[],
  now: number,
): Promise<{ positions: GroupPosition[]; lost: string[] }> {
  await using admin = new KafkaAdmin(config);
  const committed = (await admin.groupOffsets(group)).filter((c) => c.topic === topic && BigInt(c.offset) >= 0n);
  const positions: GroupPosition[] = [];
  const lost: string[] = [];
  const toRead: OffsetRange[] = [];
  for (const log of logs) {
    const entry = committed.find((c) => c.partition === log.partition);
    if (entry === undefined) {
      positions.push({ partition: log.partition, committed: undefined, lag: undefined, behindMs: undefined });
      continue;
    }
    const low = BigInt(log.low);
    const next = BigInt(entry.offset);
    if (next < low) lost.push(`partition ${log.partition}: offsets ${next}..${low - 1n}`);
    const from = next < low ? low : next;
    const lag = Number(BigInt(log.high) - from);
    positions.push({ partition: log.partition, committed: entry.offset, lag, behindMs: 0 });
    if (lag > 0) toRead.push({ partition: log.partition, fromOffset: from, toOffset: BigInt(log.high) });
  }
  // The age of the next record to read says how far behind the group is in time.
  const next = await recordsAt(toRead);
  for (const position of positions) {
    const time = next.get(position.partition)?.timestamp;
    if (time !== undefined) position.behindMs = Math.max(0, now - time);
  }
  return { positions, lost };
}

function groupChecks(
  group: string,
  positions: readonly GroupPosition[],
  lost: readonly string[],
  retainedMs: number | undefined,
  trimmed: boolean,
): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const withCommits = positions.filter((p) => p.committed !== undefined);
  const totalLag = withCommits.reduce((sum, p) => sum + (p.lag ?? 0), 0);
  const behind = Math.max(0, ...withCommits.map((p) => p.behindMs ?? 0));
  checks.push(
    withCommits.length === 0
      ? {
          check: 'group lag',
          status: 'warn',
          summary: `group ${group} has no committed offsets on this topic`,
          fix: `check the group id; a new group starts at the earliest retained record (autoOffsetReset: 'earliest')`,
          details: positions,
        }
      : {
          check: 'group lag',
          status: 'ok',
          summary: `group ${group}: ${totalLag} records behind${behind > 0 ? `, the oldest unread is ${showDuration(behind)} old` : ''} (${withCommits.length}/${positions.length} partitions committed)`,
          details: positions,
        },
  );
  if (lost.length > 0) {
    checks.push({
      check: 'retention vs lag',
      status: 'fail',
      summary: `group ${group} fell behind retention: records were deleted before it read them (${lost.join('; ')})`,
      fix: 'those records are gone from Kafka; ask GoodWe for the period, and keep the consumer running or ask for a longer retention',
    });
  } else if (retainedMs !== undefined && trimmed && behind > 0.5 * retainedMs) {
    checks.push({
      check: 'retention vs lag',
      status: 'warn',
      summary: `group ${group} is ${showDuration(behind)} behind and the log keeps about ${showDuration(retainedMs)}: retention is shorter than twice the lag`,
      fix: 'scale out the consumer (more instances with the same group id, up to one per partition) before records expire unread',
    });
  } else if (withCommits.length > 0) {
    checks.push({ check: 'retention vs lag', status: 'ok', summary: 'the group reads well within retention' });
  }
  return checks;
}
