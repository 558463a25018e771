import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { KafkaProducer, type Delivery, type OutgoingMessage } from '../kafka/kafka-producer.js';
import { simulateFleet, type FleetSimulation } from './simulate-fleet.js';
import type { SimulationOptions } from './simulation-options.js';
import type { SimulationReport } from './simulation-report.js';

/** What {@link publishSimulation} needs of a producer: something that sends one message and resolves on delivery. */
export interface MessageSender {
  /** Resolves once the broker has acknowledged the message. */
  send(message: OutgoingMessage): Promise<Delivery>;
}

/** Progress of {@link publishSimulation}, reported every `progressIntervalMs` and once at the end. */
export interface PublishProgress {
  /** Messages handed to the producer. */
  sent: number;
  /** Messages the broker acknowledged. */
  delivered: number;
  /** Record timestamp of the last message sent, or `null` before the first. */
  simulatedTimeMs: number | null;
  /** Wall-clock time since publishing started, in ms. */
  elapsedMs: number;
}

/** What {@link publishSimulation} did. */
export interface PublishSimulationResult {
  /** The simulation's report: what was published and what was lost on purpose. */
  report: SimulationReport;
  /** Messages the broker acknowledged (equals `report.published`). */
  delivered: number;
  /** Wall-clock time publishing took, in ms. */
  elapsedMs: number;
  /** Delivered messages per second of wall-clock time. */
  publishedPerSecond: number;
}

/**
 * librdkafka settings for bulk publishing, under the caller's `producerConfig` (which wins): short
 * lingering to fill batches, lz4 compression, large batches and a queue above the in-flight bound.
 */
export const THROUGHPUT_PRODUCER_CONFIG: Readonly<ClientConfig> = Object.freeze({
  'linger.ms': 10,
  'compression.type': 'lz4',
  'batch.num.messages': 10_000,
  'batch.size': 1_000_000,
  'queue.buffering.max.messages': 200_000,
  'queue.buffering.max.kbytes': 1_048_576,
});

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** Options of {@link publishSimulation}: give `producerConfig` or `producer`, not both. */
export const publishSimulationOptionsSchema = z
  .object({
    /** Topic to publish to; it must exist. */
    topic: z.string().min(1, 'expected a topic name'),
    /**
     * The simulation to publish, or its options (then {@link simulateFleet} is called).
     */
    simulation: z.custom<FleetSimulation | SimulationOptions>(isObject, 'expected a simulation or its options'),
    /**
     * librdkafka settings of a producer to create (and close when done), on top of
     * {@link THROUGHPUT_PRODUCER_CONFIG}.
     * @default undefined
     */
    producerConfig: z.custom<ClientConfig>(isObject, 'expected librdkafka settings').optional(),
    /**
     * A connected producer to use; it is left open.
     * @default undefined
     */
    producer: z
      .custom<MessageSender>(
        (v) => isObject(v) && typeof (v as MessageSender).send === 'function',
        'expected a producer',
      )
      .optional(),
    /**
     * Simulated time per wall-clock time: `3600` publishes a simulated hour per second, pacing the
     * messages by their record timestamps (which stay the simulated times). `0` or `Infinity`
     * publishes as fast as possible.
     * @default Infinity
     */
    speedUp: z.number().min(0, 'expected 0, a positive factor or Infinity').default(Number.POSITIVE_INFINITY),
    /**
     * Most messages sent but not yet acknowledged: bounds memory whatever the simulation's size.
     * @default 10_000
     */
    maxInFlight: z.number().int().min(1).default(10_000),
    /**
     * Least time between two `onProgress` calls, in ms.
     * @default 1000
     */
    progressIntervalMs: z.number().int().min(0).default(1000),
    /**
     * Called with the progress now and then, and once at the end.
     * @default undefined
     */
    onProgress: z.custom<(progress: PublishProgress) => void>((v) => typeof v === 'function').optional(),
    /**
     * Stops publishing: the promise rejects with `signal.reason` once the messages already sent are settled.
     * @default undefined
     */
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal, 'expected an AbortSignal').optional(),
  })
  .strict()
  .refine((o) => (o.producer === undefined) !== (o.producerConfig === undefined), {
    message: 'give producerConfig or producer, exactly one',
    path: ['producer'],
  });

/** Options of {@link publishSimulation} as the caller writes them. */
export type PublishSimulationOptions = z.input<typeof publishSimulationOptionsSchema>;

function parse(options: PublishSimulationOptions): z.output<typeof publishSimulationOptionsSchema> {
  const result = publishSimulationOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'options'}: ${i.message}`);
  throw new ConfigError(`Invalid publishSimulation options: ${problems.join('; ')}`, { cause: result.error });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Publishes a fleet simulation to a topic: key = serial number, record timestamp = reading time
 * (plus the delay of a late one), with a bounded number of messages in flight, optional pacing,
 * progress reports and cancellation. Resolves once every message is acknowledged.
 *
 * @throws {@link index!ConfigError} for invalid options; the producer's typed error when a send fails;
 * `signal.reason` when aborted.
 * @example
 * ```ts
 * const { report, publishedPerSecond } = await publishSimulation({
 *   producerConfig: { 'bootstrap.servers': 'localhost:9092' },
 *   topic: 'ACME01',
 *   simulation: { inverters: 2000, durationMs: 86_400_000, loss: 0.01, seed: 42 },
 *   speedUp: 3600,
 * });
 * ```
 */
export async function publishSimulation(options: PublishSimulationOptions): Promise<PublishSimulationResult> {
  const o = parse(options);
  const simulation =
    typeof (o.simulation as FleetSimulation).messages === 'function'
      ? (o.simulation as FleetSimulation)
      : simulateFleet(o.simulation as SimulationOptions);
  const { signal, onProgress, maxInFlight, topic } = o;
  const paced = o.speedUp > 0 && Number.isFinite(o.speedUp);
  const owned = o.producer
    ? undefined
    : await KafkaProducer.connect({ ...THROUGHPUT_PRODUCER_CONFIG, ...o.producerConfig }, signal ? { signal } : {});
  const producer: MessageSender = o.producer ?? owned!;

  const started = performance.now();
  let sent = 0;
  let delivered = 0;
  let inFlight = 0;
  let failure: { error: unknown } | undefined;
  let simulatedTimeMs: number | null = null;
  let firstTimestamp: number | undefined;
  let lastProgress = started;
  let wake: (() => void) | undefined;
  const settled = (): void => {
    inFlight--;
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const waitUntil = async (condition: () => boolean): Promise<void> => {
    while (!condition()) await new Promise<void>((resolve) => (wake = resolve));
  };
  const progress = (): PublishProgress => ({
    sent,
    delivered,
    simulatedTimeMs,
    elapsedMs: performance.now() - started,
  });

  try {
    for (const message of simulation.messages()) {
      if (signal?.aborted || failure) break;
      if (paced) {
        firstTimestamp ??= message.timestamp;
        const wait = started + (message.timestamp - firstTimestamp) / o.speedUp - performance.now();
        if (wait >= 1) await sleep(wait, signal).catch(() => undefined);
        if (signal?.aborted) break;
      }
      if (inFlight >= maxInFlight) await waitUntil(() => inFlight < maxInFlight);
      inFlight++;
      sent++;
      simulatedTimeMs = message.timestamp;
      producer.send({ topic, key: message.key, value: message.value, timestamp: message.timestamp }).then(
        () => {
          delivered++;
          settled();
        },
        (error: unknown) => {
          failure ??= { error };
          settled();
        },
      );
      if (onProgress && performance.now() - lastProgress >= o.progressIntervalMs) {
        lastProgress = performance.now();
        onProgress(progress());
      }
    }
    await waitUntil(() => inFlight === 0);
  } finally {
    await owned?.close();
  }
  if (failure) throw failure.error;
  if (signal?.aborted) throw signal.reason;
  onProgress?.(progress());
  const elapsedMs = performance.now() - started;
  return { report: simulation.report, delivered, elapsedMs, publishedPerSecond: delivered / (elapsedMs / 1000) };
}
