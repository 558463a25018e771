import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TelemetryDecodeError } from '../../../src/errors/telemetry-decode-error.js';
import { bytesToText } from '../../../src/telemetry/bytes-to-text.js';

const limit = 1024 * 1024;

describe('bytesToText', () => {
  // ASCII Buffers take a shorter path than other bytes: both must give the text that was encoded.
  it('gives back any text encoded as UTF-8, ASCII or not, in a Buffer or a plain Uint8Array', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary-ascii', minLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1 })),
        fc.boolean(),
        (text, plain) => {
          fc.pre(text.charCodeAt(0) !== 0xfeff);
          const buffer = Buffer.from(text, 'utf8');
          const bytes = plain ? new Uint8Array(buffer) : buffer;
          expect(bytesToText(bytes, limit)).toBe(text);
        },
      ),
    );
  });

  it('reads a Buffer that is a slice of a larger one from its own start', () => {
    const whole = Buffer.from('xx{"sn":"GW1"}yy');
    expect(bytesToText(whole.subarray(2, 14), limit)).toBe('{"sn":"GW1"}');
  });

  it('refuses bytes that are not UTF-8 even when all but one are ASCII', () => {
    const bytes = Buffer.concat([Buffer.from('{"sn":"GW'), Buffer.from([0xff]), Buffer.from('"}')]);
    const result = bytesToText(bytes, limit);
    expect(result).toBeInstanceOf(TelemetryDecodeError);
    expect((result as TelemetryDecodeError).code).toBe('GWK_DECODE_ENCODING');
  });
});
