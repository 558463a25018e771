import { describe, expect, it } from 'vitest';
import { ExitCode, errorLine, exitCodeOf } from '../../../src/cli/exit-codes.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { AuthenticationError } from '../../../src/errors/authentication-error.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import { TlsError } from '../../../src/errors/tls-error.js';
import { UnknownTopicError } from '../../../src/errors/unknown-topic-error.js';

describe('exit codes', () => {
  it.each([
    ['a usage error', new UsageError('unknown flag'), ExitCode.Usage],
    ['a configuration error', new ConfigError('Missing GOODWE_KAFKA_ACCOUNT'), ExitCode.Usage],
    ['an authentication error', new AuthenticationError('rejected'), ExitCode.Connection],
    ['a TLS error', new TlsError('unknown CA'), ExitCode.Connection],
    ['an unknown topic', new UnknownTopicError('no such topic'), ExitCode.Connection],
    ['anything else', new Error('boom'), ExitCode.Problem],
  ])('maps %s to its documented code', (_, error, code) => expect(exitCodeOf(error)).toBe(code));

  it('prints one line: the first line of the message, the code, and where to find help', () => {
    const line = errorLine(new AuthenticationError('Connecting failed: rejected\n    at stack frame'));
    expect(line).toBe('goodwe-kafka: Connecting failed: rejected [GWK_AUTHENTICATION]');
    expect(errorLine(new UsageError('unknown flag --x', 'tail'))).toBe(
      'goodwe-kafka: unknown flag --x. Run "goodwe-kafka tail --help".',
    );
  });
});
