import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GapStateError } from '../errors/gap-state-error.js';
import type { GapStateEntry, GapStateStore } from './gap-state-store.js';

const fileSchema = z.object({
  version: z.literal(1),
  topic: z.string(),
  partition: z.number().int().nonnegative(),
  // One compact row per inverter: [serialNumber, lastTimeMs, cadenceMs or null].
  entries: z.array(z.tuple([z.string().min(1), z.number(), z.number().positive().nullable()])),
  // Gaps handed to the next run, one row each: [entry index, fromMs, toMs, cadenceMs, recovered].
  // Optional: files written before open gaps were kept have none.
  openGaps: z
    .array(z.tuple([z.number().int().nonnegative(), z.number(), z.number(), z.number().positive(), z.number().int()]))
    .optional(),
});

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * A {@link GapStateStore} keeping one JSON file per topic partition in a directory, created when
 * first needed. A save writes a temporary file and renames it over the old one, so a crash leaves
 * either the old state or the new one, never half of each. Errors are `GapStateError`s naming
 * the file; a corrupt file is reported, not silently ignored.
 *
 * @example
 * ```ts
 * const store = new FileGapStateStore('/var/lib/acme/gap-state');
 * createTelemetryConsumer({ ..., gaps: { refill: true, store } });
 * ```
 */
export class FileGapStateStore implements GapStateStore {
  /** The directory holding the files. */
  readonly directory: string;

  constructor(directory: string) {
    this.directory = directory;
  }

  /** The file holding a partition's state. */
  fileOf(topic: string, partition: number): string {
    return join(this.directory, `${encodeURIComponent(topic)}.${partition}.json`);
  }

  async load(topic: string, partition: number): Promise<GapStateEntry[]> {
    const file = this.fileOf(topic, partition);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return [];
      throw new GapStateError(`Reading gap state file ${file} failed`, { cause: error, retriable: true });
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new GapStateError(`Gap state file ${file} is corrupt; delete it to rebuild the state from the log`, {
        cause: error,
      });
    }
    if (parsed.topic !== topic || parsed.partition !== partition) {
      throw new GapStateError(
        `Gap state file ${file} holds ${parsed.topic}[${parsed.partition}], not ${topic}[${partition}]`,
      );
    }
    const entries: GapStateEntry[] = parsed.entries.map(([serialNumber, lastTimeMs, cadenceMs]) =>
      cadenceMs === null ? { serialNumber, lastTimeMs } : { serialNumber, lastTimeMs, cadenceMs },
    );
    for (const [index, fromMs, toMs, cadenceMs, recovered] of parsed.openGaps ?? []) {
      const entry = entries[index];
      if (!entry) throw new GapStateError(`Gap state file ${file} is corrupt: an open gap names entry ${index}`);
      (entry.openGaps ??= []).push({ fromMs, toMs, cadenceMs, recovered });
    }
    return entries;
  }

  async save(topic: string, partition: number, entries: readonly GapStateEntry[]): Promise<void> {
    const file = this.fileOf(topic, partition);
    const rows = entries.map((e) => [e.serialNumber, e.lastTimeMs, e.cadenceMs ?? null]);
    const openGaps = entries.flatMap((e, index) =>
      (e.openGaps ?? []).map((g) => [index, g.fromMs, g.toMs, g.cadenceMs, g.recovered]),
    );
    const text = JSON.stringify({
      version: 1,
      topic,
      partition,
      entries: rows,
      ...(openGaps.length > 0 ? { openGaps } : {}),
    });
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await mkdir(this.directory, { recursive: true });
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw new GapStateError(`Writing gap state file ${file} failed`, { cause: error, retriable: true });
    }
  }

  async drop(topic: string, partition: number): Promise<void> {
    const file = this.fileOf(topic, partition);
    try {
      await rm(file, { force: true });
    } catch (error) {
      throw new GapStateError(`Removing gap state file ${file} failed`, { cause: error, retriable: true });
    }
  }
}
