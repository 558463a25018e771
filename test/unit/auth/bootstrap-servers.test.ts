import { describe, expect, it } from 'vitest';
import { parseBootstrapServers } from '../../../src/auth/bootstrap-servers.js';

describe('bootstrap servers', () => {
  it.each([
    ['one host', 'kafka1.example.com:9093', ['kafka1.example.com:9093']],
    ['several hosts with spaces', ' a.example:9093 , b.example:9094 ', ['a.example:9093', 'b.example:9094']],
    ['an IPv4 address', '10.0.0.7:9092', ['10.0.0.7:9092']],
    ['an IPv6 address in brackets', '[::1]:9093', ['[::1]:9093']],
    ['a full IPv6 address', '[2001:db8::1]:9093,host:1', ['[2001:db8::1]:9093', 'host:1']],
    ['leading zeros in the port', 'host:09093', ['host:9093']],
    ['an array', ['a:1', ' b:2 '], ['a:1', 'b:2']],
  ])('accepts %s', (_name, input, expected) => {
    expect(parseBootstrapServers(input, { echo: true })).toEqual(expected);
  });

  it.each([
    ['an empty string', '', /is empty/],
    ['only commas', ' , ', /is empty/],
    ['an empty entry', 'a:1,,b:2', /empty entry \(2\)/],
    ['no port', 'kafka1.example.com', /"kafka1.example.com" has no port/],
    ['an empty port', 'host:', /has no port/],
    ['port 0', 'host:0', /invalid port/],
    ['port 65536', 'host:65536', /invalid port/],
    ['a port with letters', 'host:90x3', /invalid port/],
    ['a bare IPv6 address', '::1:9093', /put it in brackets/],
    ['bad brackets', '[nothex]:9093', /invalid IPv6/],
    ['a space inside a host', 'ka fka:9093', /invalid host name/],
    ['a scheme', 'kafka://host:9093', /looks like a connection URL/],
    ['an empty array', [], /is empty/],
  ])('rejects %s, saying what is valid', (_name, input, message) => {
    expect(() => parseBootstrapServers(input, { echo: true })).toThrow(message);
    expect(() => parseBootstrapServers(input, { echo: true })).toThrow(/host:port|empty/);
  });

  it('does not quote an entry when told not to', () => {
    expect(() => parseBootstrapServers('good:1,secret-ish', { echo: false })).toThrow(/entry 2 has no port/);
    expect(() => parseBootstrapServers('good:1,secret-ish', { echo: false })).not.toThrow(/secret-ish/);
  });
});
