import { ErrorCode } from '../errors/error-codes.js';
import { isGoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import { redactUrlCredentials } from '../internal/redact-secrets.js';
import { UsageError } from './usage-error.js';

/** The CLI's exit codes; scripts may rely on them. */
export const ExitCode = {
  /** Done, nothing wrong. */
  Ok: 0,
  /** The command ran and found a problem (a failed or warning `doctor` check, a demo that lost data, ...). */
  Problem: 1,
  /** The command line or the configuration is wrong (unknown flag, missing variable, bad value). */
  Usage: 2,
  /** Could not connect, authenticate, verify TLS or access the topic (or the native Kafka client is missing). */
  Connection: 3,
  /** Interrupted (Ctrl-C) before the work was done. */
  Interrupted: 130,
} as const;
/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const connectionCodes: readonly string[] = [
  ErrorCode.Authentication,
  ErrorCode.Authorization,
  ErrorCode.Tls,
  ErrorCode.Connection,
  ErrorCode.UnknownTopic,
  ErrorCode.UnsupportedFeature,
  ErrorCode.NativeClientMissing,
];

const usageCodes: readonly string[] = [ErrorCode.Config, ErrorCode.InsecureConfig];

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.Usage;
  if (isGoodweKafkaError(error)) {
    if (connectionCodes.includes(error.code)) return ExitCode.Connection;
    if (usageCodes.includes(error.code)) return ExitCode.Usage;
  }
  return ExitCode.Problem;
}

/**
 * The one line printed for an error that ended a command: its message (first line only, never a
 * stack), its code when it has one, and where to look for help. Library messages never hold a
 * secret; anything else is printed by message only, with the user-info of any URL in it redacted.
 */
export function errorLine(error: unknown): string {
  const message = redactUrlCredentials(error instanceof Error ? error.message : String(error));
  const first = message.split('\n')[0]?.trim() || 'unknown error';
  const code = isGoodweKafkaError(error) ? ` [${error.code}]` : '';
  const hint =
    error instanceof UsageError ? ` Run "goodwe-kafka ${error.command ? `${error.command} ` : ''}--help".` : '';
  const stop = hint !== '' && !/[.!?]$/.test(first) ? '.' : '';
  return `goodwe-kafka: ${first}${stop}${code}${hint}`;
}
