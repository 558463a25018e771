/** Labels of one sample. */
export type MetricLabels = Readonly<Record<string, string>>;

/** One named metric with its samples, in the shape both Prometheus text and OpenTelemetry take. */
export interface MetricFamily {
  /** Snake-case name with the `goodwe_kafka_` prefix and a unit suffix (`_total`, `_bytes`, `_seconds`). */
  name: string;
  /** One line saying what it counts. */
  help: string;
  /** `counter`: only grows while the process lives; `gauge`: goes up and down. */
  type: 'counter' | 'gauge';
  /** Its values, one per set of labels. */
  samples: {
    /** The labels of this value (`{ topic, partition }`, `{ outcome }`, ...). */
    labels: MetricLabels;
    /** The value. */
    value: number;
  }[];
}
