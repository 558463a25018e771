/** How to treat the text being parsed. */
export interface BootstrapParseOptions {
  /**
   * Whether an error may quote the offending entry. Off for connection URLs, where a mistyped URL
   * can put part of the password where a host was expected.
   */
  echo: boolean;
}

const hostname = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
const ipv6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;
const example = 'host:port, e.g. broker1.example.com:9093 or [2001:db8::1]:9093';
const urlHint =
  'this looks like a connection URL: pass it to connectionFromUrl() (on the command line: --url or GOODWE_KAFKA_URL), or give host:port only';

/**
 * Checks one `host:port` entry and returns it normalised, or a reason it is invalid. IPv6
 * addresses must be in brackets (`[::1]:9093`), as librdkafka expects.
 */
function checkEntry(entry: string): string | { reason: string } {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
  let host: string;
  let port: string | undefined;
  if (bracketed) {
    host = bracketed[1] ?? '';
    port = bracketed[2];
    if (!host.includes(':') || !ipv6.test(host)) return { reason: 'has an invalid IPv6 address in brackets' };
  } else {
    const colons = entry.split(':').length - 1;
    if (colons > 1) return { reason: 'looks like an IPv6 address: put it in brackets, e.g. [::1]:9093' };
    const at = entry.lastIndexOf(':');
    host = at < 0 ? entry : entry.slice(0, at);
    port = at < 0 ? undefined : entry.slice(at + 1);
    if (!hostname.test(host)) return { reason: 'has an invalid host name' };
  }
  if (port === undefined || port === '') return { reason: 'has no port' };
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    return { reason: 'has an invalid port (expected 1-65535)' };
  }
  return bracketed ? `[${host}]:${Number(port)}` : `${host}:${Number(port)}`;
}

/**
 * Parses bootstrap servers given as `host:port,host:port` or as an array of `host:port`, and
 * returns them normalised. Throws an `Error` whose message says which entry is wrong and what a
 * valid one looks like; callers turn it into a `ConfigError` naming where the value came from.
 */
export function parseBootstrapServers(value: string | readonly string[], options: BootstrapParseOptions): string[] {
  const entries = (typeof value === 'string' ? value.split(',') : [...value]).map((entry) => entry.trim());
  // Checked on the whole value and never quoted: split at commas, a URL whose password holds a
  // comma would show part of that password in the entry after the scheme.
  if (entries.some((entry) => entry.includes('://') || entry.includes('@')))
    throw new Error(`is not host:port: ${urlHint}`);
  if (entries.length === 0 || entries.every((entry) => entry === '')) {
    throw new Error(`is empty; expected one or more ${example}, separated by commas`);
  }
  return entries.map((entry, index) => {
    const which = options.echo ? `"${entry}"` : `entry ${index + 1}`;
    if (entry === '') throw new Error(`has an empty entry (${index + 1}); expected ${example}, separated by commas`);
    const checked = checkEntry(entry);
    if (typeof checked !== 'string') throw new Error(`${which} ${checked.reason}; expected ${example}`);
    return checked;
  });
}
