/**
 * Default of `run --concurrency`: every adapter of the bundled implementations at once (33: 5 + 5
 * transports, Python 2 x 4 lanes, Java 5 x 3). The adapters mostly wait on the SDKs' own intervals,
 * so far more run at once than the 2 cores of a small CI machine (docs/performance.md has the figures).
 */
export const DEFAULT_RUN_CONCURRENCY = 36;

/** Runs the tasks, at most `limit` at a time, in the order given; resolves when all have settled. */
export async function runBounded(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      await task?.().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}
