import { describe, expect, it } from 'vitest';
import { toGoodweError } from '../../../src/kafka/map-error.js';
import { errorTexts, expectNoSecrets } from '../../helpers/secret-scan.js';

// Lines as librdkafka 2.15 writes them (seen against the test broker).
const lines = {
  wrongPassword:
    'sasl_ssl://127.0.0.1:9093/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after 307ms in state AUTH_REQ)',
  mechanismRefused:
    "sasl_plaintext://127.0.0.1:9092/bootstrap: SASL SCRAM-SHA-512 mechanism handshake failed: Broker: Request not valid in current SASL state: broker's supported mechanisms:  (after 5ms in state AUTH_HANDSHAKE)",
  unknownCa:
    'sasl_ssl://127.0.0.1:9093/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker certificate could not be verified (after 4ms in state SSL_HANDSHAKE)',
  plaintextPort:
    'sasl_ssl://127.0.0.1:9092/bootstrap: SSL handshake failed: Disconnected: SSL connection closed by peer: connecting to a PLAINTEXT broker listener? (after 104ms in state SSL_HANDSHAKE)',
  // A PLAINTEXT listener without SASL closes at the first bytes of the handshake, and librdkafka adds no guess.
  plainListener:
    'sasl_ssl://127.0.0.1:9094/bootstrap: SSL handshake failed: Disconnected: SSL connection closed by peer (after 0ms in state SSL_HANDSHAKE)',
};
const log = (message: string) => ({ severity: 3, fac: 'FAIL', message });
const context = { operation: 'Connecting', brokers: '127.0.0.1:9093' };

describe('native error mapping', () => {
  it('reports a wrong password as an authentication error', () => {
    expect(toGoodweError(log(lines.wrongPassword), context)).toMatchObject({
      code: 'GWK_AUTHENTICATION',
      retriable: false,
    });
  });

  it('reports a refused SASL mechanism as an authentication error, not a TLS one', () => {
    const error = toGoodweError(log(lines.mechanismRefused), context);
    expect(error.code).toBe('GWK_AUTHENTICATION');
    expect(error.message).toMatch(/does not accept this SASL mechanism/);
  });

  it('reports an unknown CA as a TLS error with a hint', () => {
    const error = toGoodweError(log(lines.unknownCa), context);
    expect(error.code).toBe('GWK_TLS');
    expect(error.message).toMatch(/Check the CA \(tls\.ca\)/);
  });

  it('says when TLS was attempted against a plaintext port', () => {
    expect(toGoodweError(log(lines.plaintextPort), context).message).toMatch(/looks like a plaintext listener/);
    expect(toGoodweError(log(lines.plainListener), context).message).toMatch(/looks like a plaintext listener/);
  });

  it('strips known secrets from the message and the cause', () => {
    const error = toGoodweError(log(`${lines.wrongPassword} sasl.password=alice-pw-7Qx2mZ`), {
      ...context,
      secrets: ['alice-pw-7Qx2mZ'],
    });
    expectNoSecrets(errorTexts(error), ['alice-pw-7Qx2mZ']);
  });
});
