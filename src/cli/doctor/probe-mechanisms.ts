import type { KafkaConnection } from '../../auth/kafka-connection.js';
import { saslMechanisms, type SaslMechanism } from '../../auth/sasl-mechanism.js';
import { ErrorCode } from '../../errors/error-codes.js';
import { isGoodweKafkaError } from '../../errors/goodwe-kafka-error.js';
import { deriveConnection } from '../../kafka/derive-connection.js';
import { verifyConnection } from '../../kafka/verify-connection.js';

// A failed connect keeps a libuv worker thread until its timeout (docs/connecting.md): probes
// use a short one so that trying two more mechanisms cannot starve the pool for long.
const PROBE_TIMEOUT_MS = 4000;

/**
 * After authentication failed, tries the account and password with each other SASL mechanism and
 * returns the first one the broker accepts (authenticated, even if the topic is then refused),
 * or `undefined` when none does: then the account or password itself is wrong.
 */
export async function probeMechanisms(
  connection: KafkaConnection,
  signal: AbortSignal,
): Promise<SaslMechanism | undefined> {
  for (const mechanism of saslMechanisms) {
    if (mechanism === connection.mechanism) continue;
    signal.throwIfAborted();
    const probe = deriveConnection(connection, { mechanism, connectTimeoutMs: PROBE_TIMEOUT_MS });
    try {
      await verifyConnection(probe, { signal });
      return mechanism;
    } catch (error) {
      if (signal.aborted) throw error;
      const authenticated =
        isGoodweKafkaError(error) && (error.code === ErrorCode.Authorization || error.code === ErrorCode.UnknownTopic);
      if (authenticated) return mechanism;
    }
  }
  return undefined;
}
