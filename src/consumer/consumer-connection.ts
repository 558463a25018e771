import type { ClientConfig } from '../kafka/client-config.js';

/** What the consumer needs of a connection: its topic and a fresh librdkafka config. */
export interface ConsumerConnection {
  readonly topic: string;
  /** Resolves the credentials (a password provider is called again each time). */
  clientConfig(): Promise<ClientConfig>;
}
