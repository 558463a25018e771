import type { z } from 'zod';
import { decodeTelemetry } from '../telemetry/decode-telemetry.js';
import type { DecodeTelemetryOptions } from '../telemetry/decode-telemetry-options.js';
import type { ConsumerOptions } from './consumer-options.js';
import type { MessageDecoder } from '../records/message-decoder.js';

/** The decoder the consumer applies to every message, from its `schema`, `timeZone` and `maxMessageBytes`. */
export function telemetryDecoder<T>(options: ConsumerOptions): MessageDecoder<T> {
  const decodeOptions: DecodeTelemetryOptions<z.ZodType> = {
    timeZone: options.timeZone,
    maxBytes: options.maxMessageBytes,
    ...(options.schema ? { schema: options.schema } : {}),
  };
  return (bytes) => decodeTelemetry(bytes, decodeOptions) as ReturnType<MessageDecoder<T>>;
}
