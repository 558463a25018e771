import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { Logger } from '../internal/logger.js';
import type { ConsumerCore } from './consumer-core.js';
import type { ConsumerParts } from './consumer-parts.js';

/** What closing a consumer goes through; getters, since closing can start before connecting ends. */
export interface ShutDownContext<T> {
  timeoutMs: number;
  logger: Logger;
  started: Promise<void> | undefined;
  core: () => ConsumerCore<T> | undefined;
  kafka: () => GroupConsumer | undefined;
  parts: ConsumerParts<T>;
  /** The gap-tracked topic: its partitions' gap state is saved at the end. */
  gapTopic: string;
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
    context.parts.queue.close();
    await bounded('stopping the backfill', context.core()?.catchUp.close());
    await bounded('stopping the fetch loop', context.core()?.fetchLoop);
    // Closed from outside the loop (a signal, an abort): let the body in hand finish so its record
    // is committed too. (A body that awaits close() itself waits here until closeTimeoutMs: use break.)
    await bounded('waiting for the loop body', context.parts.body.finished());
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
    await bounded('closing the dead-letter producer', context.parts.invalid.close());
    await bounded(
      'stopping gap recovery',
      context.core()?.gaps.close(
        context.parts.ledger
          .partitions()
          .filter((p) => p.topic === context.gapTopic)
          .map((p) => p.partition),
      ),
    );
  } finally {
    clearTimeout(timer);
  }
}
