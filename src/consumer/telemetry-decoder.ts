import type { z } from 'zod';
import { decodeTelemetry } from '../telemetry/decode-telemetry.js';
import type { DecodeTelemetryOptions } from '../telemetry/decode-telemetry-options.js';
import type { ConsumerOptions } from './consumer-options.js';
import type { MessageDecoder } from '../records/message-decoder.js';

/**
 * The decoder the consumer applies to every message, from its `schema`, `timeZone` and
 * `maxMessageBytes`, with the record's Kafka timestamp as the `referenceTime`.
 */
export function telemetryDecoder<T>(options: ConsumerOptions): MessageDecoder<T> {
  const decodeOptions: DecodeTelemetryOptions<z.ZodType> = {
    timeZone: options.timeZone,
    maxBytes: options.maxMessageBytes,
    referenceTime: undefined,
    ...(options.schema ? { schema: options.schema } : {}),
  };
  return (bytes, timestampMs) => {
    // One options object reused: decoding is synchronous, so no other call sees the change. A
    // message without a timestamp (librdkafka reports -1 or none) gives no reference.
    decodeOptions.referenceTime = timestampMs !== undefined && timestampMs > 0 ? timestampMs : undefined;
    return decodeTelemetry(bytes, decodeOptions) as ReturnType<MessageDecoder<T>>;
  };
}
