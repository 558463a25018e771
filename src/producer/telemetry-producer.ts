import { ClosedError } from '../errors/closed-error.js';
import { silentLogger } from '../internal/logger.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { toClientConfig } from '../kafka/connection-config.js';
import { KafkaProducer, type Delivery } from '../kafka/kafka-producer.js';
import { decodeTelemetry } from '../telemetry/decode-telemetry.js';
import { checkTelemetryInput } from './check-telemetry-input.js';
import type { ProducerOptions } from './producer-options.js';
import type { TelemetryInput, WireTelemetry } from './telemetry-wire.js';

/** Options of {@link TelemetryProducer.sendRaw}. */
export interface SendRawOptions {
  /** Record key. @default the serial number the message decodes to */
  key?: string | null;
  /** Record time in epoch ms. @default the message's reading time, else now */
  timestamp?: number;
  /** Message headers. */
  headers?: Record<string, string | Buffer>;
  /**
   * Check that the message decodes as telemetry before sending it. Turn it off only to publish
   * bad data on purpose (testing a consumer's `onInvalid`).
   * @default true
   */
  validate?: boolean;
}

/**
 * A typed producer of GoodWe telemetry: idempotent, `acks=all`, compressed,
 * keyed by serial number. Every reading is validated before anything is sent, and a send
 * resolves only once the broker has acknowledged it. Create one with `createTelemetryProducer`.
 */
export class TelemetryProducer implements AsyncDisposable {
  readonly #options: ProducerOptions;
  readonly #topic: string;
  #producer: Promise<KafkaProducer> | undefined;
  #closed: Promise<void> | undefined;

  /** @internal Use `createTelemetryProducer`. */
  constructor(options: ProducerOptions) {
    this.#options = options;
    this.#topic = options.topic ?? options.connection.topic;
  }

  /** The topic written to. */
  get topic(): string {
    return this.#topic;
  }

  /**
   * Connects now rather than at the first send, to fail early on a bad connection
   * (`AuthenticationError`, `TlsError`, `ConnectionError`, ...).
   */
  async connect(): Promise<void> {
    await this.#connected();
  }

  #connected(): Promise<KafkaProducer> {
    if (this.#closed) return Promise.reject(new ClosedError('This producer is closed; create a new one.'));
    this.#producer ??= this.#connect();
    return this.#producer;
  }

  async #connect(): Promise<KafkaProducer> {
    const o = this.#options;
    const config: ClientConfig = {
      ...(await toClientConfig(o.connection)),
      'linger.ms': o.lingerMs,
      'compression.type': o.compression,
      'delivery.timeout.ms': o.deliveryTimeoutMs,
      ...o.kafkaConfig,
      // After the user's settings: at-least-once without duplicates from retries is not optional.
      'enable.idempotence': true,
      acks: 'all',
    };
    return KafkaProducer.connect(config, {
      timeoutMs: o.connectTimeoutMs ?? o.connection.connectTimeoutMs,
      logger: o.logger ?? o.connection.logger ?? silentLogger,
      ...(o.signal ? { signal: o.signal } : {}),
    });
  }

  /**
   * Sends one reading, or several. All are validated first: if one is invalid, none is sent and
   * the promise rejects with a `TelemetryDecodeError` (`GWK_DECODE_INVALID`) naming the index
   * and field. Resolves once the broker has acknowledged every one; a failed delivery rejects
   * with a typed error (`KafkaClientError`, `TimeoutError`, `AuthorizationError`, ...).
   */
  send(reading: TelemetryInput): Promise<Delivery>;
  send(readings: readonly TelemetryInput[]): Promise<Delivery[]>;
  async send(input: TelemetryInput | readonly TelemetryInput[]): Promise<Delivery | Delivery[]> {
    const many = Array.isArray(input);
    const readings: readonly TelemetryInput[] = many ? input : [input as TelemetryInput];
    const wires: WireTelemetry[] = [];
    for (const [index, reading] of readings.entries()) {
      const checked = checkTelemetryInput(reading, many ? index : undefined);
      if (checked instanceof Error) throw checked;
      wires.push(checked);
    }
    const producer = await this.#connected();
    const deliveries = readings.map((reading, index) =>
      producer.send({
        topic: this.#topic,
        key: this.#options.key ? this.#options.key(reading) : reading.serialNumber,
        value: Buffer.from(JSON.stringify(wires[index])),
        timestamp: this.#timestampOf(reading.time?.getTime()),
      }),
    );
    const results = await Promise.all(deliveries);
    return many ? results : results[0]!;
  }

  /**
   * Sends a message as it is: a wire object (or array of them), JSON text or bytes, in any of
   * GoodWe's naming families. Unless `validate: false`, it must decode as telemetry, else the
   * promise rejects with the decoder's `TelemetryDecodeError` and nothing is sent.
   */
  async sendRaw(
    value: Record<string, unknown> | readonly Record<string, unknown>[] | string | Uint8Array,
    options: SendRawOptions = {},
  ): Promise<Delivery> {
    const bytes =
      typeof value === 'string'
        ? Buffer.from(value)
        : value instanceof Uint8Array
          ? Buffer.from(value)
          : Buffer.from(JSON.stringify(value));
    let key = options.key;
    let time: number | undefined;
    if (options.validate !== false) {
      const decoded = decodeTelemetry(bytes);
      if (!decoded.ok) throw decoded.error;
      const first = decoded.records[0];
      key ??= first?.serialNumber ?? null;
      time = first?.time?.getTime();
    }
    const producer = await this.#connected();
    return producer.send({
      topic: this.#topic,
      key: key ?? null,
      value: bytes,
      timestamp: options.timestamp ?? this.#timestampOf(time),
      ...(options.headers ? { headers: options.headers } : {}),
    });
  }

  #timestampOf(readingTime: number | undefined): number {
    return this.#options.timestamp === 'reading' && readingTime !== undefined ? readingTime : Date.now();
  }

  /** Waits until every message sent so far is acknowledged, or `timeoutMs` passes. */
  async flush(timeoutMs = 30_000): Promise<void> {
    if (!this.#producer) return;
    await (await this.#producer).flush(timeoutMs);
  }

  /** Flushes what was sent and disconnects. Idempotent; later sends reject with `ClosedError`. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      const producer = await this.#producer?.catch(() => undefined);
      await producer?.close();
    })();
    return this.#closed;
  }

  /** Same as {@link TelemetryProducer.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
