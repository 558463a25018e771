import type { KafkaConnection } from '../../auth/kafka-connection.js';
import { looksLikePlaintextListener } from '../../kafka/map-error.js';
import { connectionEnvVars } from '../../auth/connection-from-env.js';
import { ErrorCode } from '../../errors/error-codes.js';
import { isGoodweKafkaError } from '../../errors/goodwe-kafka-error.js';
import { requiredFeatures } from '../../kafka/connection-config.js';
import { NATIVE_CLIENT_BUILD_HINT } from '../../kafka/native.js';
import { selfCheck } from '../../kafka/self-check.js';
import { verifyConnection, type ConnectionReport } from '../../kafka/verify-connection.js';
import type { DoctorCheck } from './doctor-check.js';
import { probeMechanisms } from './probe-mechanisms.js';

/** The first checks: the native client, then connecting, authenticating and reaching the topic. */
export interface ConnectionChecks {
  checks: DoctorCheck[];
  /** Set when the topic is reachable: the later checks can run. */
  report: ConnectionReport | undefined;
  /** The failure that stopped the checks, for the exit code. */
  failure: unknown;
}

const v = connectionEnvVars;

/** Runs the librdkafka self-check and `verifyConnection`, and turns a failure into its fix. */
export async function checkConnection(connection: KafkaConnection, signal: AbortSignal): Promise<ConnectionChecks> {
  const checks: DoctorCheck[] = [];
  const { librdkafkaVersion, features, nativeClientError } = selfCheck();
  if (nativeClientError !== undefined) {
    checks.push({
      check: 'librdkafka',
      status: 'fail',
      summary: 'the native Kafka client @confluentinc/kafka-javascript cannot be loaded (its addon is not built?)',
      details: { code: nativeClientError.code, message: nativeClientError.message },
      fix: NATIVE_CLIENT_BUILD_HINT,
    });
    return { checks, report: undefined, failure: nativeClientError };
  }
  const missing = requiredFeatures(connection).filter((f) => !features.includes(f));
  checks.push({
    check: 'librdkafka',
    status: missing.length === 0 ? 'ok' : 'fail',
    summary: `${librdkafkaVersion} with ${features.join(', ')}`,
    details: { librdkafkaVersion, features, missing },
    ...(missing.length === 0
      ? {}
      : {
          fix: `this build lacks ${missing.join(', ')}: install libssl-dev libsasl2-dev and run "CKJS_LINKING=dynamic npm rebuild @confluentinc/kafka-javascript"`,
        }),
  });
  if (missing.length > 0) return { checks, report: undefined, failure: undefined };
  const via = `${connection.bootstrapServers.join(',')} (${connection.securityProtocol}${connection.account === undefined ? '' : `, ${connection.mechanism}`})`;
  try {
    const report = await verifyConnection(connection, { signal });
    checks.push({
      check: 'connection',
      status: 'ok',
      summary: `connected to ${via}: ${report.brokers} broker(s) in ${report.elapsedMs} ms`,
      details: report,
    });
    checks.push({
      check: 'topic',
      status: 'ok',
      summary: `${report.topic}: exists and is readable, ${report.partitions} partitions`,
    });
    return { checks, report, failure: undefined };
  } catch (error) {
    if (signal.aborted) throw error;
    const code = isGoodweKafkaError(error) ? error.code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    if (code === ErrorCode.UnknownTopic || code === ErrorCode.Authorization) {
      checks.push({ check: 'connection', status: 'ok', summary: `connected and authenticated to ${via}` });
      checks.push({
        check: 'topic',
        status: 'fail',
        summary: message,
        fix:
          code === ErrorCode.UnknownTopic
            ? `check --topic / ${v.topic} (or the distributor code, ${v.distributorCode}): GoodWe names the topic after the code`
            : `ask GoodWe to grant account ${connection.account ?? ''} read access to topic ${connection.topic} (and to consumer groups)`,
      });
      return { checks, report: undefined, failure: error };
    }
    const fix = await fixFor(code, message, connection, signal);
    checks.push({ check: 'connection', status: 'fail', summary: message, fix });
    return { checks, report: undefined, failure: error };
  }
}

async function fixFor(
  code: string | undefined,
  message: string,
  connection: KafkaConnection,
  signal: AbortSignal,
): Promise<string> {
  if (code === ErrorCode.Authentication) {
    if (connection.account === undefined) return 'the broker wants SASL: give the account and password GoodWe issued';
    const accepted = await probeMechanisms(connection, signal);
    return accepted === undefined
      ? `no SASL mechanism accepts account ${connection.account} with this password: check ${v.account} and ${v.password} (mechanisms tried: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)`
      : `the broker accepts this account with ${accepted}, not ${connection.mechanism}: use --mechanism ${accepted} (${v.mechanism}=${accepted})`;
  }
  // librdkafka's own diagnosis of a TLS handshake answered in plaintext: the CA is not the problem.
  if (code === ErrorCode.Tls && looksLikePlaintextListener(message)) {
    return `${connection.bootstrapServers.join(',')} is a plaintext listener, not a TLS one: use the TLS port GoodWe issued (usually 9093), or --plaintext (${v.tls}=false) for a local broker without TLS`;
  }
  if (code === ErrorCode.Tls) {
    const ca = connection.tls === false ? undefined : connection.tls.ca;
    return ca === undefined
      ? `the broker's certificate is not signed by a CA this system trusts: give GoodWe's CA with --ca FILE (${v['tls.ca']}); or the port is not a TLS port`
      : `${ca} does not sign the broker's certificate, or the host name is not in it: check the CA file and connect by the host name in the certificate`;
  }
  if (code === ErrorCode.Connection) {
    return 'no broker answered: check the address and port GoodWe issued, DNS, firewall and proxy; GoodWe SASL_SSL ports are usually 9093';
  }
  if (code === ErrorCode.UnsupportedFeature) return 'rebuild @confluentinc/kafka-javascript as the message says';
  if (code === ErrorCode.InsecureConfig) return 'use TLS, or --allow-insecure on a trusted network only';
  return 'see docs/connecting.md for this error code';
}
