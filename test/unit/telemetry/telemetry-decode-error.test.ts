import { describe, expect, it } from 'vitest';
import { isGoodweKafkaError } from '../../../src/errors/goodwe-kafka-error.js';
import { TelemetryDecodeError } from '../../../src/errors/telemetry-decode-error.js';

describe('TelemetryDecodeError', () => {
  const error = new TelemetryDecodeError('GWK_DECODE_INVALID', '"lots" is not a number', { path: '[2].pac' });

  it('names the field path in its message', () => {
    expect(error.message).toBe('Telemetry field [2].pac could not be decoded: "lots" is not a number');
    expect(error.path).toBe('[2].pac');
    expect(error.detail).toBe('"lots" is not a number');
    expect(error.name).toBe('TelemetryDecodeError');
  });

  it('has no Kafka location until one is attached', () => {
    expect([error.topic, error.partition, error.offset]).toStrictEqual([undefined, undefined, undefined]);
  });

  it('returns a copy naming the topic, partition and offset from withLocation', () => {
    const cause = new Error('inner');
    const original = new TelemetryDecodeError('GWK_DECODE_JSON', 'the message is not JSON', { cause });
    const located = original.withLocation({ topic: 'ACME01', partition: 3, offset: '9007199254740993' });
    expect(located).not.toBe(original);
    expect(located).toBeInstanceOf(TelemetryDecodeError);
    expect(isGoodweKafkaError(located)).toBe(true);
    expect(located.message).toBe(
      'Telemetry message in ACME01[3]@9007199254740993 could not be decoded: the message is not JSON',
    );
    expect(located).toMatchObject({
      code: 'GWK_DECODE_JSON',
      topic: 'ACME01',
      partition: 3,
      offset: '9007199254740993',
    });
    expect(located.cause).toBe(cause);
    expect(original.topic).toBeUndefined();
  });

  it('is never retriable: decoding the same bytes again fails the same way', () => {
    expect(error.retriable).toBe(false);
  });
});
