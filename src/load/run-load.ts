import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Dialect } from '../results/check-result.js';
import { percentile } from '../results/percentile.js';
import { startEmulatorLoad, type LoadWebhook } from './emulator-load.js';
import type { MixItem } from './load-mix.js';
import { LoadProgress } from './load-progress.js';
import { LoadStats, type LoadFigures } from './load-stats.js';
import { runOpenLoop, type ScheduleReport } from './open-loop.js';
import { webhookLoadJob } from './webhook-load.js';

export type LoadTarget =
  | { mode: 'webhook'; url: URL }
  | { mode: 'emulator'; devices: number; transport: 'https' | 'mqtt'; webhookUrl?: URL; startDefaultWebhook: () => Promise<LoadWebhook> };

export interface LoadRunConfig {
  target: LoadTarget;
  ratePerSecond: number;
  durationS: number;
  timeoutMs: number;
  dialect: Dialect | 'all';
  /** the cases load cycles through (built by the command from the corpus) */
  mix: readonly MixItem[];
  signal: AbortSignal;
  stdout: NodeJS.WritableStream;
  isTTY: boolean;
}

export interface LoadRunOutcome {
  schedule: ScheduleReport;
  figures: LoadFigures[];
}

/** A start this much after its slot counts as late (the generator, not the target, fell behind). */
const LATE_AFTER_MS = 50;
/** Webhook mode: most requests in flight; enough for the rate times the timeout, bounded for sockets. */
const MAX_IN_FLIGHT = 1000;

/**
 * One load run: builds the corpus mix, starts the target side (webhook calls, or emulator + fleet),
 * runs the open loop for the duration with a live progress line, drains what is in flight (bounded by
 * the timeout) and returns the schedule and the figures. Ctrl-C (`signal`) stops new starts at once
 * and cancels what is in flight.
 */
export async function runLoad(config: LoadRunConfig): Promise<LoadRunOutcome> {
  // every request or registration in flight listens for Ctrl-C on the one signal: not a leak
  setMaxListeners(MAX_IN_FLIGHT + 64, config.signal);
  const mix = config.mix;
  const stats = new LoadStats();
  const job =
    config.target.mode === 'webhook'
      ? {
          ...webhookLoadJob({
            url: config.target.url,
            mix,
            timeoutMs: config.timeoutMs,
            maxInFlight: Math.min(
              MAX_IN_FLIGHT,
              Math.max(16, Math.ceil((config.ratePerSecond * config.timeoutMs) / 1000)),
            ),
            stats,
            signal: config.signal,
          }),
          close: () => Promise.resolve(),
        }
      : await startEmulatorLoad({
          devices: config.target.devices,
          transport: config.target.transport,
          ...(config.target.webhookUrl ? { webhookUrl: config.target.webhookUrl } : {}),
          startDefaultWebhook: config.target.startDefaultWebhook,
          mix,
          timeoutMs: config.timeoutMs,
          stats,
          signal: config.signal,
        });
  const started = performance.now();
  const progress = new LoadProgress(config.stdout, config.isTTY, () => {
    const t = stats.totals();
    const elapsedS = (performance.now() - started) / 1000;
    const p95 = t.answered.length > 0 ? `${Math.round(percentile(t.answered, 95))} ms` : '-';
    // refusals come from a webhook's policy (webhook mode); through the emulator a device sees a failed status
    const refused = config.target.mode === 'webhook' ? ` ${t.refused} refused,` : '';
    const rate = ((t.ok + t.refused) / Math.max(elapsedS, 0.001)).toFixed(1);
    const clock = `${Math.min(elapsedS, config.durationS).toFixed(1)}/${config.durationS} s`;
    const counts = `${t.started} sent, ${t.ok} ok,${refused} ${t.errors} errors, ${t.timeouts} timeouts`;
    return `load ${clock}: ${counts}, ${job.inFlight()} in flight, p95 ${p95}, ${rate}/s`;
  });
  progress.start();
  try {
    const schedule = await runOpenLoop({
      ratePerSecond: config.ratePerSecond,
      durationMs: config.durationS * 1000,
      lateAfterMs: LATE_AFTER_MS,
      drainMs: config.timeoutMs + 2000,
      signal: config.signal,
      start: (index) => job.start(index),
    });
    return { schedule, figures: stats.figures() };
  } finally {
    progress.stop();
    await job.close();
  }
}
