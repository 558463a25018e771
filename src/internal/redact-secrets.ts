/** What replaces a secret in any text the library shows. */
export const REDACTED = '[redacted]';

// librdkafka masks these in its own config dumps, but a debug line, a third-party plugin or a
// future version may not: redact them by name as well as by value.
const secretKeys =
  /\b(sasl\.password|ssl\.key\.password|ssl\.keystore\.password|ssl\.key\.pem|sasl\.oauthbearer\.client\.secret)(\s*[=:]\s*)(?!\[redacted\])[^\s,;]+/gi;
const privateKeyPem = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;

// scheme://ACCOUNT:PASSWORD@host: everything between :// and the last @ of the word. Greedy on
// purpose: a password may hold a raw @ or /, and hiding a little too much is harmless.
const urlUserInfo = /\b([a-z][a-z0-9+.-]*:\/\/)\S*@/gi;

/**
 * Replaces the user-info (`ACCOUNT:PASSWORD@`) of every URL in a text with `[redacted]@`, so that a
 * connection URL pasted where it does not belong never shows its password.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(urlUserInfo, `$1${REDACTED}@`);
}

/**
 * Removes secrets from a line of text before it reaches an error message or the user's logger:
 * every known secret value (also in its URL-encoded form), every `sasl.password=...`-style
 * assignment, every PEM private key and the user-info of every URL.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = redactUrlCredentials(text.replace(privateKeyPem, REDACTED).replace(secretKeys, `$1$2${REDACTED}`));
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is removed whole.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  return out;
}
