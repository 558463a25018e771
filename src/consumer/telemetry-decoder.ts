import { ErrorCode } from '../errors/error-codes.js';
import { GoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import type { ConsumerOptions } from './consumer-options.js';
import type { MessageDecoder } from './message-decoder.js';

// Interim decoder until the telemetry schema lands: JSON object or array with a serial number.
export function telemetryDecoder(_options: ConsumerOptions): MessageDecoder<unknown> {
  return (bytes) => {
    try {
      const parsed: unknown = JSON.parse(bytes?.toString('utf8') ?? '');
      const list = Array.isArray(parsed) ? parsed : [parsed];
      const records = list.map((raw: Record<string, unknown>) => {
        if (typeof raw !== 'object' || raw === null || typeof raw['sn'] !== 'string') throw new Error('no sn');
        return { value: raw, raw };
      });
      return { ok: true, records };
    } catch (error) {
      return { ok: false, error: new GoodweKafkaError(ErrorCode.DecodeInvalid, String(error)) };
    }
  };
}
