import { goodweConnection } from '../../auth/goodwe-connection.js';
import type { KafkaConnection } from '../../auth/kafka-connection.js';
import type { RunningBroker } from '../../broker/broker-info.js';
import { projectRoot } from '../../broker/project-root.js';
import { startBroker } from '../../broker/start-broker.js';
import { ConnectionError } from '../../errors/connection-error.js';
import type { Writer } from '../cli-io.js';

/** A broker the demo started, and how to reach it. */
export interface DemoBroker {
  broker: RunningBroker;
  /** Connects as a GoodWe account would: SCRAM-SHA-512 over TLS when the broker has it. */
  connection: KafkaConnection;
  description: string;
}

/**
 * Starts the local broker of the project's test harness (an external one named by
 * `KAFKA_BOOTSTRAP_SERVERS`, Docker, or Kafka jars run with Java). That needs a checkout of
 * goodwe-kafka (tools/kafka/pom.xml) and Java with Maven, or Docker; from an installed package
 * there is none, and the demo says to give a connection instead.
 */
export async function startDemoBroker(topic: string, log: Writer): Promise<DemoBroker> {
  let root: string;
  try {
    root = projectRoot();
  } catch {
    throw new ConnectionError(
      'The demo starts a local Kafka broker only from a checkout of goodwe-kafka (with Java and Maven, or Docker). ' +
        'Clone the repository and run "npm run demo" there, or give a broker: goodwe-kafka demo --url kafka://HOST:9092/goodwe-demo',
    );
  }
  log.write('starting a local Kafka broker (the first start downloads Kafka with Maven)...\n');
  let broker: RunningBroker;
  try {
    broker = await startBroker({ root, log: (line) => log.write(`${line}\n`) });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new ConnectionError(
      `Starting a local Kafka broker failed: ${reason}. It needs Docker, or Java 17+ and Maven on the PATH; or give a broker with --url.`,
      { cause: error },
    );
  }
  const { info } = broker;
  const secure = info.saslSsl !== undefined && info.caFile !== undefined && info.mechanisms.includes('SCRAM-SHA-512');
  const connection = secure
    ? goodweConnection({
        bootstrapServers: info.saslSsl!,
        account: info.user.name,
        password: info.user.password,
        topic,
        mechanism: 'SCRAM-SHA-512',
        tls: { ca: info.caFile! },
      })
    : goodweConnection({ bootstrapServers: info.plaintext, topic, tls: false });
  const via = secure ? `SASL_SSL SCRAM-SHA-512 at ${info.saslSsl}` : `PLAINTEXT at ${info.plaintext}`;
  return { broker, connection, description: `${info.backend} Kafka ${info.version ?? ''} (${via})`.replace('  ', ' ') };
}
