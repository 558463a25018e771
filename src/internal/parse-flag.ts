const truthy = new Set(['true', '1', 'yes', 'on']);
const falsy = new Set(['false', '0', 'no', 'off']);

/**
 * Reads a boolean written as text (environment variables, URL query parameters): true/false,
 * 1/0, yes/no, on/off, any case. Returns `undefined` for anything else so the caller can name it.
 */
export function parseFlag(value: string): boolean | undefined {
  const word = value.trim().toLowerCase();
  if (truthy.has(word)) return true;
  if (falsy.has(word)) return false;
  return undefined;
}
