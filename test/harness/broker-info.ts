/** A SASL user the test broker knows. */
export interface BrokerUser {
  readonly name: string;
  readonly password: string;
}

/**
 * What a started broker tells its users: addresses per listener kind, the users and the CA.
 * Tests, the demo and benchmarks read only this, never which backend is behind it.
 */
export interface BrokerInfo {
  /** Which backend started the broker. For diagnostics only. */
  readonly backend: 'external' | 'docker' | 'local';
  /** Apache Kafka version of the broker, when known. */
  readonly version: string | undefined;
  /** PLAINTEXT listener, `host:port`. */
  readonly plaintext: string;
  /** SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), when the backend has one. */
  readonly saslPlaintext: string | undefined;
  /** SASL_SSL listener (same mechanisms), when the backend has one. */
  readonly saslSsl: string | undefined;
  /** SASL mechanisms the SASL listeners accept. */
  readonly mechanisms: readonly ('PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512')[];
  /** PEM file of the CA that signed the SASL_SSL listener's certificate. */
  readonly caFile: string | undefined;
  /** A user allowed to do everything. */
  readonly user: BrokerUser;
  /** A user that authenticates but holds no permission on any topic or group. */
  readonly unauthorizedUser: BrokerUser | undefined;
}

/** A running broker; `stop()` tears it down and frees its ports. */
export interface RunningBroker extends AsyncDisposable {
  readonly info: BrokerInfo;
  /** Process id of a local broker (used by `kafka:down`). */
  readonly pid?: number | undefined;
  /** Working folder of a local broker, removed when it stops. */
  readonly dir?: string | undefined;
  stop(): Promise<void>;
  /** Kills the broker process at once, keeping its data, to simulate an outage (local backend only). */
  halt?(): Promise<void>;
  /** Kills the broker process if running and starts it again on the same ports and data (local backend only). */
  restart?(): Promise<void>;
  /**
   * Freezes the broker process (SIGSTOP): connections stay open and requests go unanswered, as
   * during a long GC pause or a stalled host, until {@link resume} (local backend only).
   */
  pause?(): Promise<void>;
  /** Lets a paused broker run again (SIGCONT); it answers what was sent meanwhile (local backend only). */
  resume?(): Promise<void>;
}
