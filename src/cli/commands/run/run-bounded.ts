/**
 * Default of `run --concurrency`: the suites mostly wait on the SDKs' own poll intervals, so more
 * run at once than the 2 cores of a small CI machine; each adds one mostly idle adapter stream.
 */
export const DEFAULT_RUN_CONCURRENCY = 8;

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
