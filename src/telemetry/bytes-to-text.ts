import { Buffer, isAscii } from 'node:buffer';
import { ErrorCode } from '../errors/error-codes.js';
import { TelemetryDecodeError } from '../errors/telemetry-decode-error.js';

const BOM = 0xfeff;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The byte length of a string in UTF-8, computed only when the quick bounds can't tell. */
function exceeds(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= maxBytes) return false; // and at most three
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

/**
 * Turns a Kafka message value into JSON text, or says why it can't: no value (a tombstone or
 * an empty buffer), larger than `maxBytes`, or not UTF-8. A leading byte-order mark is dropped
 * because `JSON.parse` rejects it.
 */
export function bytesToText(bytes: unknown, maxBytes: number): string | TelemetryDecodeError {
  let text: string;
  if (typeof bytes === 'string') {
    if (exceeds(bytes, maxBytes)) return tooLarge(maxBytes);
    text = bytes;
  } else if (bytes instanceof Uint8Array) {
    if (bytes.byteLength > maxBytes) return tooLarge(maxBytes, bytes.byteLength);
    // One pass that validates and decodes: faster than isUtf8() followed by toString() (see
    // bench/decode). It also drops a leading byte-order mark. ASCII, what GoodWe sends, is UTF-8 as
    // it is: a vectorised check and a one-byte copy are about 10% faster still.
    try {
      text = Buffer.isBuffer(bytes) && isAscii(bytes) ? bytes.toString('latin1') : utf8.decode(bytes);
    } catch (cause) {
      return new TelemetryDecodeError(ErrorCode.DecodeEncoding, 'the bytes are not valid UTF-8 text', { cause });
    }
  } else if (bytes === null || bytes === undefined) {
    return new TelemetryDecodeError(ErrorCode.DecodeEmpty, 'the message has no value (a tombstone?)');
  } else {
    return new TelemetryDecodeError(
      ErrorCode.DecodeEncoding,
      `expected a Buffer, Uint8Array or string, got ${typeof bytes}`,
    );
  }
  if (text.length === 0) return new TelemetryDecodeError(ErrorCode.DecodeEmpty, 'the message is empty');
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

function tooLarge(maxBytes: number, size?: number): TelemetryDecodeError {
  const actual = size === undefined ? 'it' : `it holds ${size} bytes and`;
  return new TelemetryDecodeError(
    ErrorCode.DecodeTooLarge,
    `${actual} exceeds the ${maxBytes}-byte limit; raise the maxBytes option if such messages are expected`,
  );
}
