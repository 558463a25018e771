import type { ConsumerHealth, ConsumerStats } from '../consumer/consumer-stats.js';
import type { MetricFamily, MetricLabels } from './metric-family.js';

const none: MetricLabels = {};

function counter(name: string, help: string, value: number, labels: MetricLabels = none): MetricFamily {
  return { name, help, type: 'counter', samples: [{ labels, value }] };
}

function gauge(name: string, help: string, value: number): MetricFamily {
  return { name, help, type: 'gauge', samples: [{ labels: none, value }] };
}

const healthStates = ['starting', 'running', 'stalled', 'closed', 'failed'] as const;

/**
 * The consumer's figures as metric families: what `goodwe-kafka ingest --listen` serves as
 * Prometheus text and what the OpenTelemetry bridge reports. The list is documented in
 * `docs/operating.md`; names are part of the contract.
 */
export function consumerMetrics(stats: ConsumerStats, health: ConsumerHealth): MetricFamily[] {
  return [
    counter('goodwe_kafka_records_total', 'Records handed to the application.', stats.consumed),
    counter('goodwe_kafka_messages_total', 'Kafka messages read.', stats.messages),
    counter('goodwe_kafka_message_bytes_total', 'Bytes of the Kafka message values read.', stats.bytes),
    {
      name: 'goodwe_kafka_invalid_messages_total',
      help: 'Messages that could not be decoded, by error code.',
      type: 'counter',
      samples: Object.entries(stats.invalidByCode).map(([code, value]) => ({ labels: { code }, value })),
    },
    counter('goodwe_kafka_duplicates_dropped_total', 'Readings dropped as duplicates.', stats.duplicatesDropped),
    counter('goodwe_kafka_gaps_found_total', 'Per-inverter gaps found.', stats.gapsFound),
    {
      name: 'goodwe_kafka_gaps_total',
      help: 'Gaps that ended, by outcome.',
      type: 'counter',
      samples: [
        { labels: { outcome: 'refilled' }, value: stats.gapsRefilled },
        { labels: { outcome: 'partial' }, value: stats.gapsPartial },
        { labels: { outcome: 'not-in-log' }, value: stats.gapsNotInLog },
        { labels: { outcome: 'beyond-retention' }, value: stats.gapsBeyondRetention },
        { labels: { outcome: 'unresolved' }, value: stats.gapsUnresolved },
      ],
    },
    counter('goodwe_kafka_refill_scans_total', 'Refill scans run by the side reader.', stats.refillScans),
    counter('goodwe_kafka_refilled_records_total', 'Records refilled from the log.', stats.refilledRecords),
    counter(
      'goodwe_kafka_data_loss_total',
      'Ranges of records deleted by retention before they were read.',
      stats.dataLoss,
    ),
    counter('goodwe_kafka_commits_total', 'Offset commits the broker confirmed.', stats.commits),
    counter(
      'goodwe_kafka_commit_failures_total',
      'Offset commits that failed (each is tried again).',
      stats.commitFailures,
    ),
    counter('goodwe_kafka_commit_seconds_total', 'Time spent in confirmed offset commits.', stats.commitMs / 1000),
    counter('goodwe_kafka_assignments_total', 'Times partitions were assigned to this member.', stats.assignments),
    counter('goodwe_kafka_revocations_total', 'Times partitions were taken from this member.', stats.revocations),
    counter('goodwe_kafka_callback_errors_total', 'Application callbacks that threw.', stats.callbackErrors),
    gauge('goodwe_kafka_buffered_records', 'Records waiting between the fetcher and the application.', stats.buffered),
    gauge(
      'goodwe_kafka_buffered_bytes',
      'Message bytes waiting between the fetcher and the application.',
      stats.bufferedBytes,
    ),
    gauge(
      'goodwe_kafka_paused',
      'Whether fetching is paused because the application is behind (1) or not (0).',
      stats.paused ? 1 : 0,
    ),
    {
      name: 'goodwe_kafka_backfill_pending_records',
      help: 'Offsets live-first catch-up skipped on a partition that the application has not finished yet.',
      type: 'gauge',
      samples: stats.partitions
        .filter((p) => p.backfill !== undefined)
        .map((p) => ({ labels: { topic: p.topic, partition: String(p.partition) }, value: p.backfill!.pending })),
    },
    {
      name: 'goodwe_kafka_lag_records',
      help: 'Records of a partition the application has still to see.',
      type: 'gauge',
      samples: stats.partitions
        .filter((p) => p.lag !== undefined)
        .map((p) => ({ labels: { topic: p.topic, partition: String(p.partition) }, value: p.lag! })),
    },
    gauge(
      'goodwe_kafka_last_commit_timestamp_seconds',
      'When offsets were last committed (Unix time; 0 before the first commit).',
      stats.lastCommitAt ? stats.lastCommitAt.getTime() / 1000 : 0,
    ),
    {
      name: 'goodwe_kafka_health',
      help: 'The consumer health state: 1 for the current one.',
      type: 'gauge',
      samples: healthStates.map((state) => ({ labels: { state }, value: health.state === state ? 1 : 0 })),
    },
  ];
}
