/** What a figure may use: the broker, the benchmark topic and the run's settings. */
export interface FigureContext {
  bootstrap: string;
  topic: string;
  /** Records on the topic. */
  records: number;
  /** `--quick`: smaller samples and shorter windows. */
  quick: boolean;
  signal: AbortSignal;
  log: (line: string) => void;
  /** This library's live `for await` rate (median), when it was measured in this run. */
  liveRecordsPerSecond?: number | undefined;
}

/** A measured figure, as the table shows it and with its raw numbers. */
export interface FigureOutcome {
  value: string;
  /** Ratio to the reference the target names (the raw client, JSON.parse), when there is one. */
  ratio?: string;
  /** Whether the SPEC target is met; `undefined` when it could not be measured. */
  met: boolean | undefined;
  numbers: Record<string, number>;
  /** Raw series behind the value (for example `[ms, bytes]` samples), for results.json. */
  series?: Record<string, [number, number][]>;
  /** How it was measured, for the notes under the table. */
  detail?: string;
}

/** One row of the results table besides the throughput contenders (SPEC section 9). */
export interface Figure {
  id: string;
  title: string;
  /** The SPEC target, as the table shows it. */
  target: string;
  measure(context: FigureContext): Promise<FigureOutcome>;
}

/** A figure whose feature does not exist yet: reported as such, so the table always has its row. */
export function notAvailableYet(figure: Omit<Figure, 'measure'>, missing: string): Figure {
  return {
    ...figure,
    measure: () =>
      Promise.resolve({
        value: 'n/a (not implemented yet)',
        met: undefined,
        numbers: {},
        detail: `${missing} does not exist yet.`,
      }),
  };
}
