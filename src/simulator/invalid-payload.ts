import type { SeededRandom } from './seeded-random.js';

/** The kinds of bad message the simulator publishes. */
export const INVALID_PAYLOAD_KINDS = [
  'empty',
  'not-json',
  'truncated',
  'invalid-utf8',
  'wrong-shape',
  'missing-serial',
] as const;

/**
 * One of {@link INVALID_PAYLOAD_KINDS}: a zero-length value; text that is not JSON (an HTML error
 * page, a form body, a log line); a valid payload cut short; a payload with bytes that are not
 * UTF-8; JSON that is not an object (a scalar or an array of scalars); an object without a serial number.
 */
export type InvalidPayloadKind = (typeof INVALID_PAYLOAD_KINDS)[number];

/** A bad message and what is wrong with it. */
export interface InvalidPayload {
  kind: InvalidPayloadKind;
  value: Buffer;
}

/**
 * Makes a bad message from a valid JSON payload (a `{...}` object text) and the name of its serial
 * number field. Every result fails to decode: not UTF-8, not JSON, not an object, or no serial.
 */
export function invalidPayload(validJson: string, serialField: string, random: SeededRandom): InvalidPayload {
  const kind = random.pick(INVALID_PAYLOAD_KINDS);
  return { kind, value: makeInvalid(kind, validJson, serialField, random) };
}

function makeInvalid(kind: InvalidPayloadKind, json: string, serialField: string, random: SeededRandom): Buffer {
  switch (kind) {
    case 'empty':
      return Buffer.alloc(0);
    case 'not-json':
      return Buffer.from(
        random.pick([
          '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
          'sn=5010KETU21AB0001&pac=1234&eday=5.6',
          'ERROR 2026-06-15 10:00:00 upload failed: datalogger timeout',
          "{'sn': 'GW0000SN000TEST1', 'pac': 0}",
          '{"sn":"GW0000SN000TEST1","pac":NaN}',
        ]),
      );
    case 'truncated':
      // Any proper prefix of an object text is invalid JSON: the closing brace is missing.
      return Buffer.from(json.slice(0, 1 + random.int(json.length - 1)));
    case 'invalid-utf8': {
      const bytes = Buffer.from(json);
      const at = 1 + random.int(bytes.length - 2);
      // 0xC3 followed by '(' is a broken two-byte sequence; 0xFF never appears in UTF-8.
      const bad = random.chance(0.5) ? Buffer.from([0xc3, 0x28]) : Buffer.from([0xff]);
      return Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]);
    }
    case 'wrong-shape':
      return Buffer.from(random.pick(['42', '"ok"', 'null', 'true', '[1,2,3]', '["5010KETU21AB0001"]']));
    case 'missing-serial': {
      const object = JSON.parse(json) as Record<string, unknown>;
      delete object[serialField];
      return Buffer.from(JSON.stringify(object));
    }
  }
}
