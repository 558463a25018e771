import {
  publishSimulation,
  type PublishSimulationOptions,
  type PublishSimulationResult,
} from '../simulator/publish-simulation.js';
import type { CliIo } from './cli-io.js';
import { ProgressBar } from './progress-bar.js';

/** What to publish: everything but the signal and the progress reporting, which come from the CLI. */
export type PublishJob = Pick<PublishSimulationOptions, 'topic' | 'simulation' | 'producerConfig' | 'speedUp'>;

/**
 * Publishes a simulated fleet for a command, with a progress bar on a TTY (the simulated time as its
 * note) and the command's abort signal; the bar is closed however publishing ends.
 */
export async function publishWithProgress(io: CliIo, label: string, job: PublishJob): Promise<PublishSimulationResult> {
  const progress = new ProgressBar(io.stderr, { label });
  try {
    return await publishSimulation({
      ...job,
      signal: io.signal,
      progressIntervalMs: 200,
      onProgress: (p) =>
        progress.update(
          p.delivered,
          undefined,
          p.simulatedTimeMs === null ? '' : new Date(p.simulatedTimeMs).toISOString(),
        ),
    });
  } finally {
    progress.done();
  }
}
