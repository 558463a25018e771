import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { Partition } from '../kafka/kafka-message.js';
import type { Logger } from '../internal/logger.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { ConsumerCore } from './consumer-core.js';
import type { InvalidHandler } from './invalid-handler.js';

/** What closing a consumer goes through; getters, since closing can start before connecting ends. */
export interface ShutDownContext<T> {
  timeoutMs: number;
  logger: Logger;
  started: Promise<void> | undefined;
  core: () => ConsumerCore<T> | undefined;
  /** Settles when the loop body in hand (if any) has finished. */
  bodyFinished: () => Promise<void> | undefined;
  kafka: () => GroupConsumer | undefined;
  invalid: InvalidHandler;
  gapPartitions: () => Partition[];
  queue: DeliveryQueue<T>;
}

/**
 * Closes a consumer within one deadline (`closeTimeoutMs`), whatever it is doing: stops the fetch
 * loop (even one waiting for a seek), lets the body in hand finish so its record is committed
 * too, commits what was finished, leaves the group, and stops the side readers.
 */
export async function shutDown<T>(context: ShutDownContext<T>): Promise<void> {
  const { logger } = context;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), context.timeoutMs);
    timer.unref();
  });
  const bounded = async (step: string, work: Promise<unknown> | undefined): Promise<void> => {
    if (!work) return;
    const outcome = await Promise.race([
      work.then(
        () => 'done' as const,
        () => 'done' as const,
      ),
      deadline,
    ]);
    if (outcome === 'late') logger.warn({ step }, `Closing: ${step} did not finish within closeTimeoutMs`);
  };
  try {
    await bounded('connecting', context.started);
    context.core()?.pump.stop();
    context.queue.close();
    await bounded('stopping the fetch loop', context.core()?.fetchLoop);
    // Closed from outside the loop (a signal, an abort): let the body in hand finish so its record
    // is committed too. (A body that awaits close() itself waits here until closeTimeoutMs: use break.)
    await bounded('waiting for the loop body', context.bodyFinished());
    const kafka = context.kafka();
    if (kafka) {
      await bounded(
        'the final commit',
        context
          .core()
          ?.committer.commitFinished()
          .catch((error: unknown) => logger.warn({}, `Final commit failed: ${String(error)}`)),
      );
      await bounded('leaving the group', kafka.disconnect());
    }
    await bounded('closing the dead-letter producer', context.invalid.close());
    await bounded('stopping gap recovery', context.core()?.gaps.close(context.gapPartitions().map((p) => p.partition)));
  } finally {
    clearTimeout(timer);
  }
}
