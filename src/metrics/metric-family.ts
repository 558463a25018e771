/** Labels of one sample. */
export type MetricLabels = Readonly<Record<string, string>>;

/** One named metric with its samples, in the shape both Prometheus text and OpenTelemetry take. */
export interface MetricFamily {
  /** Snake-case name with the `goodwe_kafka_` prefix and a unit suffix (`_total`, `_bytes`, `_seconds`). */
  name: string;
  help: string;
  /** `counter`: only grows while the process lives; `gauge`: goes up and down. */
  type: 'counter' | 'gauge';
  samples: { labels: MetricLabels; value: number }[];
}
