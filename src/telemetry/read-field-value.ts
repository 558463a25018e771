import { INVALID, isEmptyText, parseNumber, type Parsed } from './parse-number.js';

// Readers for the non-numeric field kinds. Each returns the cleaned value, `null` for "sent but
// empty", or INVALID for a value of the wrong kind, which the caller reports with its path.

/** A serial number: a non-empty string, trimmed. */
export function readSerial(value: unknown): Parsed<string> {
  if (value === null) return null;
  if (typeof value !== 'string') return INVALID;
  return isEmptyText(value) ? null : value.trim();
}

/** Free text (model, firmware, plant id). Numbers are kept as their decimal text (`1717.0` gives `"1717"`). */
export function readText(value: unknown): Parsed<string> {
  if (typeof value === 'string') return isEmptyText(value) ? null : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : INVALID;
  return value === null ? null : INVALID;
}

/** A warning or fault: a number (numeric strings included) or, failing that, a message. */
export function readAlarm(value: unknown): Parsed<number | string> {
  if (typeof value === 'string') {
    if (isEmptyText(value)) return null;
    const number = parseNumber(value);
    return number === INVALID || number === null ? value.trim() : number;
  }
  return parseNumber(value);
}

/** An integer code (a safe integer, as `z.int()` wants). A text label in its place (`work_mode: "Wait Mode"`) is reported as `'label'`. */
export function readCode(value: unknown): Parsed<number> | 'label' {
  const number = parseNumber(value);
  if (number === INVALID) return typeof value === 'string' ? 'label' : INVALID;
  if (number !== null && !Number.isSafeInteger(number)) return INVALID;
  return number;
}

/** A short, printable rendering of a wire value for error messages and quality notes. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
