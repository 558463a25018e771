import type { MetricFamily } from '../../metrics/metric-family.js';
import type { SinkWriteResult } from '../../postgres/postgres-sink.js';

/** What `ingest` measures of its database writes, for `/metrics` and the progress line. */
export class WriteMetrics {
  writes = 0;
  rows = { inserted: 0, updated: 0, unchanged: 0 };
  skipped = 0;
  retries = 0;
  seconds = 0;
  lastSeconds = 0;

  /** One `sink.write()` finished after `ms` milliseconds. */
  record(result: SinkWriteResult, ms: number): void {
    this.writes++;
    this.rows.inserted += result.inserted;
    this.rows.updated += result.updated;
    this.rows.unchanged += result.unchanged;
    this.skipped += result.skipped + result.duplicates;
    this.retries += Math.max(0, result.attempts - 1);
    this.lastSeconds = ms / 1000;
    this.seconds += this.lastSeconds;
  }

  /** Rows written (new or changed). */
  get written(): number {
    return this.rows.inserted + this.rows.updated;
  }

  families(): MetricFamily[] {
    return [
      {
        name: 'goodwe_kafka_db_writes_total',
        help: 'Batches written to the database (each in one transaction).',
        type: 'counter',
        samples: [{ labels: {}, value: this.writes }],
      },
      {
        name: 'goodwe_kafka_db_rows_total',
        help: 'Rows of the written batches, by what the upsert did with them.',
        type: 'counter',
        samples: Object.entries(this.rows).map(([result, value]) => ({ labels: { result }, value })),
      },
      {
        name: 'goodwe_kafka_db_write_retries_total',
        help: 'Database writes tried again after a transient error.',
        type: 'counter',
        samples: [{ labels: {}, value: this.retries }],
      },
      {
        name: 'goodwe_kafka_db_write_seconds_total',
        help: 'Time spent writing batches, retries included (divide by db_writes_total for the mean).',
        type: 'counter',
        samples: [{ labels: {}, value: this.seconds }],
      },
      {
        name: 'goodwe_kafka_db_last_write_seconds',
        help: 'How long the last batch write took.',
        type: 'gauge',
        samples: [{ labels: {}, value: this.lastSeconds }],
      },
    ];
  }
}
