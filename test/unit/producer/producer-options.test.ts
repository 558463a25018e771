import { describe, expect, it } from 'vitest';
import { goodweConnection } from '../../../src/auth/goodwe-connection.js';
import { createTelemetryProducer } from '../../../src/producer/create-telemetry-producer.js';
import { parseProducerOptions } from '../../../src/producer/producer-options.js';

const connection = goodweConnection({ bootstrapServers: 'localhost:9092', topic: 'ACME01', tls: false });

describe('producer options', () => {
  it('defaults to lz4, reading-time timestamps and the connection topic', () => {
    const options = parseProducerOptions({ connection });
    expect(options).toMatchObject({ compression: 'lz4', timestamp: 'reading', lingerMs: 5 });
    expect(createTelemetryProducer({ connection }).topic).toBe('ACME01');
  });

  it('refuses to turn off idempotence or acks=all', () => {
    expect(() => createTelemetryProducer({ connection, kafkaConfig: { 'enable.idempotence': false } })).toThrow(
      /kafkaConfig.enable.idempotence.*managed by the producer/,
    );
    expect(() => createTelemetryProducer({ connection, kafkaConfig: { acks: 1 } })).toThrow(/acks/);
  });

  it('refuses something that is not a connection, with a ConfigError', () => {
    expect(() => createTelemetryProducer({ connection: {} as never })).toThrow(
      expect.objectContaining({ code: 'GWK_CONFIG' }),
    );
  });

  it('refuses a misspelled option, naming it and the option meant', () => {
    expect(() => createTelemetryProducer({ connection, lingerMS: 5 } as never)).toThrow(
      expect.objectContaining({
        code: 'GWK_CONFIG',
        message: 'Invalid producer options: unknown option "lingerMS" (did you mean "lingerMs"?).',
      }),
    );
  });

  it('refuses an unknown compression codec', () => {
    expect(() => createTelemetryProducer({ connection, compression: 'brotli' as never })).toThrow(/compression/);
  });

  it('rejects sends after close without connecting', async () => {
    const producer = createTelemetryProducer({ connection });
    await producer.close();
    await expect(producer.send({ serialNumber: 'SN' })).rejects.toMatchObject({ code: 'GWK_CLOSED' });
  });
});
