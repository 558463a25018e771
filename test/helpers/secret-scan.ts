import { inspect } from 'node:util';
import type { Logger, LogFields } from '../../src/internal/logger.js';

/** A logger that keeps every line it receives, fields included, as text. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (fields: LogFields, message: string): void => {
      lines.push(`${level} ${message} ${inspect(fields, { depth: 5 })}`);
    };
  return {
    lines,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
  };
}

/** Every text an error exposes: message, stack, inspect output, and the same for its causes. */
export function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    if (current instanceof Error) texts.push(current.message, current.stack ?? '');
    texts.push(inspect(current, { depth: 5 }), String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

/**
 * The pieces of a secret worth looking for: the secret, its URL-encoded form, and each run of at
 * least 5 characters between URL delimiters (what a mis-split URL could expose).
 */
function secretForms(secret: string): string[] {
  const pieces = secret.split(/[@:/?#%&=+ ]/).filter((piece) => piece.length >= 5);
  return [secret, encodeURIComponent(secret), ...pieces];
}

/** Fails the test naming the first text that contains a secret (without printing the secret). */
export function expectNoSecrets(texts: readonly string[], secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const form of secretForms(secret)) {
      const index = texts.findIndex((text) => text.includes(form));
      if (index >= 0) {
        throw new Error(
          `A secret leaked into text #${index}: ${texts[index]!.replace(form, '<SECRET>').slice(0, 500)}`,
        );
      }
    }
  }
}

/** The broker's test passwords plus hostile ones: URL delimiters, percent signs, spaces, unicode. */
export const hostilePasswords = [
  'alice-pw-7Qx2mZ',
  'mallory-pw-9Kd4vR',
  ' sp@ce:c0lon/sl#sh?q%25 ',
  'p%zzercent&amp=plus+end',
  'пароль-ünïcødé-✓-9Zq',
] as const;
