import { GapRecovery, type GapRecoveryContext } from '../../src/gaps/gap-recovery.js';
import { parseGapOptions, type GapOptions } from '../../src/gaps/gap-options.js';
import { silentLogger } from '../../src/internal/logger.js';
import type { Logger } from '../../src/internal/logger.js';

/** A gap recovery with no Kafka behind it: the lookback, deliveries and scans come from the test. */
export function gapRecoveryOffline(
  options: GapOptions,
  context: Partial<GapRecoveryContext<unknown>> & { logger?: Logger } = {},
): GapRecovery<unknown> {
  return new GapRecovery(parseGapOptions(options), {
    topic: 'ACME01',
    partitionCount: 3,
    clientConfig: () => Promise.resolve({ 'bootstrap.servers': '127.0.0.1:1' }),
    decode: () => {
      throw new Error('no decoding in this test');
    },
    logger: silentLogger,
    timeoutMs: 1000,
    deliver: () => Promise.resolve(),
    ...context,
  });
}
