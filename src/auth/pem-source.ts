import { readFileSync, statSync } from 'node:fs';

/** A certificate or key given as PEM text or as the path of a PEM file. */
export type PemSource = { kind: 'pem'; pem: string } | { kind: 'file'; path: string };

/** Tells PEM text from a file path: PEM always contains a `-----BEGIN` line. */
export function isPem(value: string): boolean {
  return value.includes('-----BEGIN');
}

/**
 * Classifies `value` and, for a file, checks now that it can be read and holds PEM, so that a
 * wrong path fails at start-up with the file named rather than deep inside librdkafka. A CA may
 * also be a directory of certificates (librdkafka's `ssl.ca.location` accepts one). Throws an
 * `Error` naming the file; it never quotes the file's content.
 */
export function readPemSource(value: string, options: { allowDirectory: boolean }): PemSource {
  if (isPem(value)) return { kind: 'pem', pem: value };
  const path = value.trim();
  let text: string;
  try {
    if (options.allowDirectory && statSync(path).isDirectory()) return { kind: 'file', path };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code})`;
    throw new Error(`file ${path} ${why}; give the path of a PEM file or the PEM text itself`, { cause: error });
  }
  if (!isPem(text)) throw new Error(`file ${path} holds no PEM block (-----BEGIN ...); give a PEM file`);
  return { kind: 'file', path };
}
