import type { ConsumerHealth, ConsumerStats } from '../consumer/consumer-stats.js';
import { consumerMetrics } from './consumer-metrics.js';
import type { MetricFamily } from './metric-family.js';

/** An instrument created by an OpenTelemetry meter: opaque here. */
export type OpenTelemetryObservable = object;

/**
 * The part of an OpenTelemetry `Meter` (from `@opentelemetry/api`, `metrics.getMeter(...)`) this
 * bridge uses. Written out so that the library does not need `@opentelemetry/api` installed.
 */
export interface OpenTelemetryMeter {
  /** Creates a counter read by callbacks. */
  createObservableCounter(name: string, options?: { description?: string }): OpenTelemetryObservable;
  /** Creates a gauge read by callbacks. */
  createObservableGauge(name: string, options?: { description?: string }): OpenTelemetryObservable;
  /** Registers one callback that observes several instruments at each collection. */
  addBatchObservableCallback(
    callback: (result: {
      /** Reports one value of an instrument, with its attributes. */
      observe(observable: never, value: number, attributes?: Record<string, string>): void;
    }) => void,
    observables: never[],
  ): void;
  /** Unregisters a callback added with `addBatchObservableCallback`. */
  removeBatchObservableCallback(callback: never, observables: never[]): void;
}

/** What the bridge reads: a `TelemetryConsumer`. */
export interface MetricsSource {
  /** Counters and lag. */
  stats(): ConsumerStats;
  /** Liveness. */
  health(): ConsumerHealth;
}

// OpenTelemetry counters carry no `_total` suffix: a Prometheus exporter adds it back.
const instrumentName = (family: MetricFamily): string =>
  family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;

/**
 * Reports the consumer's metrics (the list in `docs/operating.md`, the same figures as
 * `goodwe-kafka ingest --listen`) through OpenTelemetry, read from `stats()` at each collection:
 * no polling of your own, no SDK bundled. Pass a meter from your application's
 * `@opentelemetry/api`. Returns a function that stops reporting.
 *
 * @example
 * ```ts
 * import { metrics } from '@opentelemetry/api';
 * const stop = observeWithOpenTelemetry(consumer, metrics.getMeter('acme-ingest'));
 * ```
 */
export function observeWithOpenTelemetry(consumer: MetricsSource, meter: OpenTelemetryMeter): () => void {
  const instruments = new Map<string, OpenTelemetryObservable>();
  for (const family of consumerMetrics(consumer.stats(), consumer.health())) {
    const options = { description: family.help };
    const name = instrumentName(family);
    instruments.set(
      family.name,
      family.type === 'counter'
        ? meter.createObservableCounter(name, options)
        : meter.createObservableGauge(name, options),
    );
  }
  const observables = [...instruments.values()] as never[];
  const callback = (result: {
    observe(observable: never, value: number, attributes?: Record<string, string>): void;
  }): void => {
    for (const family of consumerMetrics(consumer.stats(), consumer.health())) {
      const instrument = instruments.get(family.name);
      if (!instrument) continue;
      for (const sample of family.samples) result.observe(instrument as never, sample.value, { ...sample.labels });
    }
  };
  meter.addBatchObservableCallback(callback, observables);
  return () => meter.removeBatchObservableCallback(callback as never, observables);
}
