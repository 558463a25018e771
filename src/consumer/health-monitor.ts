import { ConnectionError } from '../errors/connection-error.js';
import type { Clock } from '../internal/clock.js';
import type { Logger } from '../internal/logger.js';
import type { ConsumerFault } from '../kafka/group-consumer.js';
import type { ConsumerHealth, HealthState } from './consumer-stats.js';

/** What the health monitor watches and whom it tells. */
export interface HealthMonitorContext {
  clock: Clock;
  logger: Logger;
  maxUnavailableMs: number;
  stallTimeoutMs: number;
  brokers: string;
  /** A metadata round trip: resolves when a broker answers. */
  probe: () => Promise<void>;
  /** Records waiting for the loop body, prefetched or not. */
  totalLag: () => number;
  /** The consumer must fail with this error: retrying cannot fix it, or brokers stayed away too long. */
  fail: (error: Error) => void;
}

/**
 * Liveness of a consumer: the state `health()` reports, the stall watchdog (a loop body holding
 * its records, or lag positive and nothing delivered, for `stallTimeoutMs`) and broker
 * availability (librdkafka says when all brokers are down, but not when they are back, so a
 * metadata probe tells).
 */
export class HealthMonitor {
  readonly #context: HealthMonitorContext;
  #state: HealthState = 'starting';
  #lastError: Error | undefined;
  #lastDeliveryAt: number | undefined;
  /** When the loop body that holds records now received them; `undefined` between bodies. */
  #bodySince: number | undefined;
  #unavailableSince: number | undefined;
  #probing = false;
  #lastWarning: { message: string; at: number } | undefined;

  constructor(context: HealthMonitorContext) {
    this.#context = context;
  }

  get state(): HealthState {
    return this.#state;
  }

  running(): void {
    if (this.#state === 'starting') this.#state = 'running';
  }

  /** Records reached the loop body. */
  delivered(): void {
    this.#lastDeliveryAt = this.#context.clock.now();
    this.#bodySince = this.#lastDeliveryAt;
    if (this.#state === 'stalled') this.#state = 'running';
  }

  /** The loop body finished with what it received. */
  bodyFinished(): void {
    this.#bodySince = undefined;
    if (this.#state === 'stalled') this.#state = 'running';
  }

  /** The brokers answered a fetch. */
  reachable(): void {
    this.#unavailableSince = undefined;
  }

  /** librdkafka reported every broker connection down. */
  brokersDown(error: Error): void {
    this.#lastError = error;
    if (this.#unavailableSince !== undefined) return;
    this.#unavailableSince = this.#context.clock.now();
    this.#context.logger.warn({}, 'No broker reachable; retrying');
  }

  /** An error the client reported while running. */
  fault(fault: ConsumerFault): void {
    if (fault.kind === 'brokers-down') this.brokersDown(fault.error);
    else if (fault.kind === 'fatal') this.#context.fail(fault.error);
    else this.#warnOnce(fault.error);
  }

  // librdkafka repeats connection errors many times a second while it retries: log each kind once a minute.
  #warnOnce(error: Error & { code?: string }): void {
    this.#lastError = error;
    const now = this.#context.clock.now();
    if (this.#lastWarning?.message === error.message && now - this.#lastWarning.at < 60_000) return;
    this.#lastWarning = { message: error.message, at: now };
    this.#context.logger.warn({ code: error.code }, error.message);
  }

  failed(error: Error): void {
    this.#lastError = error;
    this.#state = 'failed';
  }

  closed(): void {
    if (this.#state !== 'failed') this.#state = 'closed';
  }

  /** Called about once a second. */
  tick(): void {
    const now = this.#context.clock.now();
    const { maxUnavailableMs, stallTimeoutMs } = this.#context;
    if (this.#unavailableSince !== undefined) {
      if (now - this.#unavailableSince > maxUnavailableMs) {
        this.#context.fail(
          new ConnectionError(
            `No broker was reachable for more than ${maxUnavailableMs} ms (maxUnavailableMs); brokers: ${this.#context.brokers}.`,
            { retriable: true, cause: this.#lastError },
          ),
        );
        return;
      }
      this.#probe();
    }
    if (this.#state !== 'running') return;
    // Stalled: a body has held its records too long (a database that hangs), or records wait and
    // none was handed out for as long.
    const busy = this.#bodySince !== undefined && now - this.#bodySince > stallTimeoutMs;
    const idle = now - (this.#lastDeliveryAt ?? now) > stallTimeoutMs && this.#context.totalLag() > 0;
    if (busy || idle) this.#state = 'stalled';
  }

  #probe(): void {
    if (this.#probing) return;
    this.#probing = true;
    this.#context
      .probe()
      .then(
        () => {
          if (this.#unavailableSince === undefined) return;
          this.#unavailableSince = undefined;
          this.#context.logger.info({}, 'Brokers reachable again');
        },
        () => undefined,
      )
      .finally(() => (this.#probing = false));
  }

  snapshot(): ConsumerHealth {
    return {
      state: this.#state,
      lastError: this.#lastError,
      lastDeliveryAt: this.#lastDeliveryAt === undefined ? undefined : new Date(this.#lastDeliveryAt),
    };
  }
}
