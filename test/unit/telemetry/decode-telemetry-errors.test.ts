import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { decodeTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import type { DecodeTelemetryOptions } from '../../../src/telemetry/decode-telemetry-options.js';

const tenMegabytes = Buffer.from(`{"sn":"A","pad":"${'x'.repeat(10 * 1024 * 1024)}"}`);

// One row per malformed message: what arrives, the code, the path and a fragment of the message.
const malformed: [string, Uint8Array | string | null | undefined, string, string, string][] = [
  ['an empty buffer', Buffer.alloc(0), 'GWK_DECODE_EMPTY', '', 'the message is empty'],
  ['an empty string', '', 'GWK_DECODE_EMPTY', '', 'the message is empty'],
  ['a tombstone (null value)', null, 'GWK_DECODE_EMPTY', '', 'no value'],
  ['only whitespace', Buffer.from(' \n\t '), 'GWK_DECODE_EMPTY', '', 'only whitespace'],
  ['a 10 MB message', tenMegabytes, 'GWK_DECODE_TOO_LARGE', '', 'exceeds the 1048576-byte limit'],
  ['bytes that are not UTF-8', Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d), 'GWK_DECODE_ENCODING', '', 'not valid UTF-8'],
  [
    'a truncated UTF-8 sequence',
    Buffer.from([...Buffer.from('{"sn":"'), 0xe2, 0x82, 0x22, 0x7d]),
    'GWK_DECODE_ENCODING',
    '',
    'UTF-8',
  ],
  ['text that is not JSON', '{sn: 5500DNSX}', 'GWK_DECODE_JSON', '', 'not JSON'],
  ['truncated JSON', '{"sn":"A","pac":', 'GWK_DECODE_JSON', '', 'not JSON'],
  ['a JSON number', '42', 'GWK_DECODE_SHAPE', '', 'got a number'],
  ['a JSON string', '"5500DNSX000A0001"', 'GWK_DECODE_SHAPE', '', 'got a string'],
  ['JSON null', 'null', 'GWK_DECODE_SHAPE', '', 'got null'],
  ['an array holding a scalar', '[{"sn":"A"}, 3]', 'GWK_DECODE_SHAPE', '[1]', 'got a number'],
  ['an array holding an array', '[[{"sn":"A"}]]', 'GWK_DECODE_SHAPE', '[0]', 'got an array'],
  ['no serial number', '{"pac": 100}', 'GWK_DECODE_MISSING_SERIAL', 'sn', 'serial number is missing'],
  ['an empty serial number', '{"sn": "", "pac": 100}', 'GWK_DECODE_MISSING_SERIAL', 'sn', 'serial number is empty'],
  ['a null serial number', '{"SN": null}', 'GWK_DECODE_MISSING_SERIAL', 'SN', 'serial number is empty'],
  ['a serial number that is a number', '{"sn": 5500}', 'GWK_DECODE_INVALID', 'sn', 'not a serial number'],
  [
    'a reading that is not a number',
    '{"sn":"A","vpv1":"high"}',
    'GWK_DECODE_INVALID',
    'vpv1',
    '"high" is not a number',
  ],
  ['a reading with the wrong unit', '{"sn":"A","vpv1":"372W"}', 'GWK_DECODE_INVALID', 'vpv1', 'not a number'],
  ['a reading that is an object', '{"sn":"A","Pac":{"v":1}}', 'GWK_DECODE_INVALID', 'Pac', 'not a number'],
  ['a reading too large for a double', '{"sn":"A","pac":1e999}', 'GWK_DECODE_INVALID', 'pac', 'not a number'],
  ['a boolean code', '{"sn":"A","status":true}', 'GWK_DECODE_INVALID', 'status', 'not an integer code'],
  ['a fractional code', '{"sn":"A","status":1.5}', 'GWK_DECODE_INVALID', 'status', 'not an integer code'],
  ['text that is an array', '{"sn":"A","model_type":["GW"]}', 'GWK_DECODE_INVALID', 'model_type', 'not text'],
  ['an unreadable time', '{"sn":"A","last_time":"yesterday"}', 'GWK_DECODE_INVALID', 'last_time', 'not a time'],
  ['an impossible date', '{"sn":"A","time":"02/30/2026 10:00:00"}', 'GWK_DECODE_INVALID', 'time', 'not a time'],
  ['a negative epoch', '{"sn":"A","last_time":-5}', 'GWK_DECODE_INVALID', 'last_time', 'not a time'],
  ['a bad element in an array', '[{"sn":"A"},{"sn":"B","eday":"x"}]', 'GWK_DECODE_INVALID', '[1].eday', 'not a number'],
  ['an element without serial', '[{"sn":"A"},{"pac":1}]', 'GWK_DECODE_MISSING_SERIAL', '[1].sn', 'missing'],
];

describe('decodeTelemetry on malformed messages', () => {
  it.each(malformed)('reports %s', (_, bytes, code, path, fragment) => {
    const result = decodeTelemetry(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.path).toBe(path);
    expect(result.error.message).toContain(fragment);
  });

  it('gives every kind of malformed message its own code', () => {
    const codes = new Set(malformed.map(([, , code]) => code));
    expect(codes.size).toBe(7);
  });

  it('accepts a message up to maxBytes and rejects one byte more', () => {
    const message = '{"sn":"A"}';
    expect(decodeTelemetry(message, { maxBytes: message.length }).ok).toBe(true);
    const result = decodeTelemetry(Buffer.from(message), { maxBytes: message.length - 1 });
    expect(result.ok ? undefined : result.error.code).toBe('GWK_DECODE_TOO_LARGE');
  });

  it('counts a string message in UTF-8 bytes, not characters', () => {
    const message = `{"sn":"A","model":"${'€'.repeat(10)}"}`; // 10 characters, 30 bytes
    expect(decodeTelemetry(message, { maxBytes: message.length + 20 }).ok).toBe(true);
    expect(decodeTelemetry(message, { maxBytes: message.length + 19 }).ok).toBe(false);
  });

  it('drops a UTF-8 byte-order mark before parsing', () => {
    const withBom = Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from('{"sn":"A"}')]);
    expect(decodeTelemetry(withBom).ok).toBe(true);
    expect(decodeTelemetry('\uFEFF{"sn":"A"}').ok).toBe(true);
  });

  it('reads a Uint8Array that is a view into a larger buffer', () => {
    const backing = Buffer.from('xx{"sn":"A"}yy');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, backing.length - 4);
    expect(decodeTelemetry(view).ok).toBe(true);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'options.timeZone'],
    ['a zero byte limit', { maxBytes: 0 }, 'options.maxBytes'],
    ['a fractional byte limit', { maxBytes: 1.5 }, 'options.maxBytes'],
    ['a schema that is not a zod schema', { schema: {} as never }, 'options.schema'],
  ] as [string, DecodeTelemetryOptions, string][])('reports %s as GWK_CONFIG without throwing', (_, options, path) => {
    const result = decodeTelemetry('{"sn":"A"}', options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('GWK_CONFIG');
    expect(result.error.path).toBe(path);
    expect(result.error.message).toMatch(/^Telemetry decoder options\.\w+ is invalid: /);
  });

  it('reports a value that is not bytes at all instead of throwing', () => {
    const result = decodeTelemetry(42 as unknown as string);
    expect(result.ok ? undefined : result.error.code).toBe('GWK_DECODE_ENCODING');
  });
});
