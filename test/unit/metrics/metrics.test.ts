import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { metrics } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { consumerEventChannels } from '../../../src/metrics/consumer-events.js';
import { observeWithOpenTelemetry } from '../../../src/metrics/observe-with-open-telemetry.js';
import { toPrometheusText } from '../../../src/metrics/prometheus-text.js';
import { FakeGroupConsumer, Hold } from '../../support/fake-group-consumer.js';
import { consumerOnFake, eventually, readingsOf } from '../../support/fake-consumer.js';

class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function valuesOf(collected: ResourceMetrics): Map<string, number> {
  const values = new Map<string, number>();
  for (const scope of collected.scopeMetrics)
    for (const metric of scope.metrics)
      for (const point of metric.dataPoints) {
        const labels = Object.entries(point.attributes)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(',');
        values.set(labels ? `${metric.descriptor.name}{${labels}}` : metric.descriptor.name, point.value as number);
      }
  return values;
}

describe('metrics', () => {
  it('renders Prometheus text with escaped label values and HELP/TYPE lines', () => {
    const text = toPrometheusText([
      {
        name: 'goodwe_kafka_invalid_messages_total',
        help: 'Messages that could not be decoded.\nBy code.',
        type: 'counter',
        samples: [{ labels: { code: 'a"b\\c\nd' }, value: 3 }],
      },
      { name: 'goodwe_kafka_paused', help: 'Paused.', type: 'gauge', samples: [{ labels: {}, value: 0 }] },
    ]);
    expect(text).toBe(
      [
        '# HELP goodwe_kafka_invalid_messages_total Messages that could not be decoded.\\nBy code.',
        '# TYPE goodwe_kafka_invalid_messages_total counter',
        'goodwe_kafka_invalid_messages_total{code="a\\"b\\\\c\\nd"} 3',
        '# HELP goodwe_kafka_paused Paused.',
        '# TYPE goodwe_kafka_paused gauge',
        'goodwe_kafka_paused 0',
        '',
      ].join('\n'),
    );
  });

  it('reports the consumer through an OpenTelemetry meter, read from stats() at each collection', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, [...readingsOf('SN1', 4), { value: '{"no serial":1}' }]);
    const consumer = consumerOnFake(fake);
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [reader] });
    const stop = observeWithOpenTelemetry(consumer, provider.getMeter('test'));
    let count = 0;
    for await (const record of consumer) {
      void record;
      if (++count === 4) break;
    }
    const { resourceMetrics } = await reader.collect();
    const values = valuesOf(resourceMetrics);
    expect(values.get('goodwe_kafka_records')).toBe(4);
    expect(values.get('goodwe_kafka_messages')).toBeGreaterThanOrEqual(4);
    expect(values.get('goodwe_kafka_health{state=closed}')).toBe(1);
    stop();
    await provider.shutdown();
  });

  it('accepts the meter of @opentelemetry/api as it is', () => {
    const consumer = consumerOnFake(new FakeGroupConsumer());
    const stop = observeWithOpenTelemetry(consumer, metrics.getMeter('no-sdk: a no-op meter'));
    stop();
  });

  it('publishes rebalances, failed commits and long pauses on diagnostics channels', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.failNextCommits = 1;
    const seen: { channel: string; message: Record<string, unknown> }[] = [];
    const listeners = Object.values(consumerEventChannels).map((name) => {
      const listener = (message: unknown): void => void seen.push({ channel: name, message: message as never });
      subscribe(name, listener);
      return [name, listener] as const;
    });
    try {
      const consumer = consumerOnFake(fake, {
        maxBufferedRecords: 10,
        fetchBatchSize: 10,
        stallTimeoutMs: 600,
        commitIntervalMs: 10,
      });
      const hold = new Hold();
      const loop = (async () => {
        let count = 0;
        for await (const record of consumer) {
          void record;
          if (++count === 2) await hold.promise;
          if (count === 100) break;
        }
      })();
      await eventually(
        () => seen.some((e) => e.channel === consumerEventChannels.pausedLong),
        'a long pause is told',
        5000,
      );
      hold.release();
      await loop;
      const channels = seen.map((e) => e.channel);
      expect(channels).toContain(consumerEventChannels.rebalance);
      expect(channels).toContain(consumerEventChannels.commitFailed);
      expect(seen.find((e) => e.channel === consumerEventChannels.rebalance)?.message).toMatchObject({
        groupId: 'fake-group',
        kind: 'assign',
      });
      expect(seen.find((e) => e.channel === consumerEventChannels.pausedLong)?.message).toMatchObject({
        groupId: 'fake-group',
      });
    } finally {
      for (const [name, listener] of listeners) unsubscribe(name, listener);
    }
  });
});
