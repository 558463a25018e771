import { ConfigError } from '../errors/config-error.js';

/** The parts of a connection URL, percent-decoded. */
export interface ConnectionUrlParts {
  scheme: string;
  account: string | undefined;
  password: string | undefined;
  /** The host list exactly as written (`host1:9093,host2:9093`). */
  hosts: string;
  /** The path without its leading slash, or `undefined`. */
  topic: string | undefined;
  query: Map<string, string>;
}

const encodeHint = 'percent-encode @ : / ? # % and spaces in the account and password (encodeURIComponent)';

function decode(text: string, part: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ConfigError(`Invalid connection URL: the ${part} is not valid percent-encoding; ${encodeHint}`);
  }
}

/**
 * Splits `scheme://account:password@host1:port,host2:port/topic?key=value` into its parts.
 *
 * WHATWG `URL` cannot parse a comma-separated host list, hence this small parser. Errors name
 * the part that is wrong and never quote the URL, since it may hold the password.
 */
export function parseConnectionUrl(url: string): ConnectionUrlParts {
  const schemeEnd = url.indexOf('://');
  const scheme = schemeEnd < 0 ? '' : url.slice(0, schemeEnd).toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) {
    throw new ConfigError(
      'Invalid connection URL: it has no scheme; expected kafka+sasl-ssl://ACCOUNT:PASSWORD@host1:9093,host2:9093/TOPIC',
    );
  }
  const rest = url.slice(schemeEnd + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  // An '@' after the host list means a raw / ? or # inside the password cut the URL short.
  if (tail.includes('@'))
    throw new ConfigError(`Invalid connection URL: it cannot be split into its parts; ${encodeHint}`);
  // The last '@' ends the credentials, so a raw '@' inside a password still parses.
  const at = authority.lastIndexOf('@');
  let account: string | undefined;
  let password: string | undefined;
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    account = decode(colon < 0 ? userinfo : userinfo.slice(0, colon), 'account');
    password = colon < 0 ? undefined : decode(userinfo.slice(colon + 1), 'password');
  }
  const hashAt = tail.indexOf('#');
  const withoutFragment = hashAt < 0 ? tail : tail.slice(0, hashAt);
  const queryAt = withoutFragment.indexOf('?');
  const path = queryAt < 0 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const queryText = queryAt < 0 ? '' : withoutFragment.slice(queryAt + 1);
  const query = new Map<string, string>();
  for (const pair of queryText.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), 'query');
    if (query.has(key)) throw new ConfigError(`Invalid connection URL: query parameter ${key} is given twice`);
    query.set(key, decode(eq < 0 ? '' : pair.slice(eq + 1), 'query'));
  }
  const topicText = path.replace(/^\//, '').replace(/\/$/, '');
  if (topicText.includes('/')) {
    throw new ConfigError('Invalid connection URL: the path must be one topic name (/TOPIC), not several segments');
  }
  return {
    scheme,
    account: account === '' ? undefined : account,
    password: password === '' ? undefined : password,
    hosts: authority.slice(at + 1),
    topic: topicText === '' ? undefined : decode(topicText, 'topic'),
    query,
  };
}
