import { testUsers } from './test-users.js';

/** Ports of the four broker listeners and the controller. */
export interface BrokerPorts {
  plaintext: number;
  saslPlaintext: number;
  saslSsl: number;
  controller: number;
}

const jaasPlain = `org.apache.kafka.common.security.plain.PlainLoginModule required ${testUsers
  .map((u) => `user_${u.name}="${u.password}"`)
  .join(' ')};`;
const jaasScram = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';

/**
 * server.properties for a single-node KRaft broker on loopback with PLAINTEXT, SASL_PLAINTEXT and
 * SASL_SSL listeners, an ACL authorizer (so an unauthorised user can be tested), and settings that
 * make a one-node test cluster fast.
 */
export function serverProperties(dir: string, ports: BrokerPorts): string {
  const host = '127.0.0.1';
  const lines: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${ports.controller}`,
    'controller.listener.names': 'CONTROLLER',
    listeners: `PLAINTEXT://${host}:${ports.plaintext},SASL_PLAINTEXT://${host}:${ports.saslPlaintext},SASL_SSL://${host}:${ports.saslSsl},CONTROLLER://${host}:${ports.controller}`,
    'advertised.listeners': `PLAINTEXT://${host}:${ports.plaintext},SASL_PLAINTEXT://${host}:${ports.saslPlaintext},SASL_SSL://${host}:${ports.saslSsl}`,
    'listener.security.protocol.map':
      'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL',
    'inter.broker.listener.name': 'PLAINTEXT',
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': jaasPlain,
    'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config': jaasScram,
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': jaasScram,
    'listener.name.sasl_ssl.plain.sasl.jaas.config': jaasPlain,
    'listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config': jaasScram,
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config': jaasScram,
    'ssl.keystore.type': 'PKCS12',
    'ssl.keystore.location': `${dir}/broker.p12`,
    'ssl.keystore.password': 'test-pass',
    'ssl.key.password': 'test-pass',
    // ACLs are enforced so that a user with no grant gets an authorisation error. The PLAINTEXT
    // and controller listeners authenticate as ANONYMOUS, which stays a super user.
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': 'User:ANONYMOUS;User:admin;User:alice',
    'allow.everyone.if.no.acl.found': 'false',
    'log.dirs': `${dir}/data`,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': 'true',
    'num.network.threads': 2,
    'num.io.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
    'log.cleaner.dedupe.buffer.size': 2097152,
    'log.segment.bytes': 16777216,
    'log.retention.check.interval.ms': 1000,
    // Retention is by record timestamp, and tests write readings stamped days or years ago: keep
    // everything by default. Retention tests set `retention.ms` on their own topic.
    'log.retention.ms': -1,
    'log.initial.task.delay.ms': 0,
    'log.message.timestamp.type': 'CreateTime',
    // Simulated telemetry may carry timestamps far in the past or future.
    'log.message.timestamp.after.max.ms': '9223372036854775807',
    'log.message.timestamp.before.max.ms': '9223372036854775807',
  };
  return Object.entries(lines)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

/** Console-only logging for Kafka 3.9 (reload4j); INFO so the readiness line is printed. */
export const log4jProperties = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.controller=WARN
log4j.logger.org.apache.kafka.controller=WARN
`;
