/**
 * The entry of a benchmark child process: reads its job (JSON) from the first argument, runs the
 * work and hands the result to the runner over the IPC channel, or prints it when run by hand
 * (for example under `node --cpu-prof`). Exits once the result is out, whatever is still open.
 */
export function childMain<J, R>(work: (job: J) => Promise<R>): void {
  const job = JSON.parse(process.argv[2] ?? '{}') as J;
  work(job).then(
    (result) => {
      if (process.send) process.send(result, () => process.exit(0));
      else {
        console.log(JSON.stringify(result, null, 2));
        process.exit(0);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Resolves with `promise`'s outcome, or with `fallback` once `ms` have passed. */
export function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
