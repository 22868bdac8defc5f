import { performance } from 'node:perf_hooks';

export interface OpenLoopOptions {
  ratePerSecond: number;
  durationMs: number;
  /** a start that comes this long after its slot counts as late */
  lateAfterMs: number;
  /** after the window, how long to wait for work still in flight before giving up on it */
  drainMs: number;
  signal: AbortSignal;
  /**
   * Starts the work of slot `index`; returns undefined when it cannot start now (every simulated
   * device busy, or the in-flight cap reached): that slot is dropped, not postponed.
   */
  start(index: number): Promise<void> | undefined;
}

export interface ScheduleReport {
  /** slots that came due (at most rate x duration) */
  scheduled: number;
  started: number;
  /** slots not started because the target (or the fleet) was still busy */
  dropped: number;
  /** slots started more than `lateAfterMs` after their time (the generator itself fell behind) */
  late: number;
  maxLagMs: number;
  /** ms from the first slot to the end of the window (shorter when stopped early) */
  windowMs: number;
  /** ms from the first slot to the last piece of work ending */
  elapsedMs: number;
  /** work still in flight when the drain time ran out */
  abandoned: number;
  stoppedEarly: boolean;
}

/**
 * Open-loop scheduling: slot i is due at t0 + i/rate whatever happened to earlier slots, so a slow
 * target cannot quietly lower the offered rate (a closed loop would); what could not start is counted
 * as dropped, what started behind time as late. Bounded in count (rate x duration slots) and time
 * (the window plus `drainMs`); stops early, without new starts, when `signal` aborts.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<ScheduleReport> {
  const period = 1000 / options.ratePerSecond;
  const total = Math.max(1, Math.floor((options.ratePerSecond * options.durationMs) / 1000));
  const report: ScheduleReport = { scheduled: 0, started: 0, dropped: 0, late: 0, maxLagMs: 0, windowMs: 0, elapsedMs: 0, abandoned: 0, stoppedEarly: false };
  const inFlight = new Set<Promise<void>>();
  const t0 = performance.now();

  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      if (timer) clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = (): void => {
      report.stoppedEarly = true;
      done();
    };
    const tick = (): void => {
      const now = performance.now();
      while (report.scheduled < total && t0 + report.scheduled * period <= now) {
        const index = report.scheduled;
        const lag = now - (t0 + index * period);
        report.scheduled += 1;
        const work = options.start(index);
        if (!work) {
          report.dropped += 1;
          continue;
        }
        report.started += 1;
        if (lag > options.lateAfterMs) report.late += 1;
        report.maxLagMs = Math.max(report.maxLagMs, lag);
        const tracked: Promise<void> = work.catch(() => undefined).finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
      }
      const end = t0 + options.durationMs;
      if (report.scheduled >= total && now >= end) return done();
      const nextAt = report.scheduled < total ? t0 + report.scheduled * period : end;
      timer = setTimeout(tick, Math.max(0, nextAt - performance.now()));
    };
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    tick();
  });
  report.windowMs = Math.min(options.durationMs, performance.now() - t0);

  if (inFlight.size > 0) {
    let drainTimer: NodeJS.Timeout | undefined;
    const drained = Promise.all(inFlight).then(() => true);
    const gaveUp = new Promise<boolean>((resolve) => (drainTimer = setTimeout(() => resolve(false), options.drainMs)));
    const finished = await Promise.race([drained, gaveUp]);
    clearTimeout(drainTimer);
    if (!finished) report.abandoned = inFlight.size;
  }
  report.elapsedMs = performance.now() - t0;
  return report;
}
