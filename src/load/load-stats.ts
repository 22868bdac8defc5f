import type { Dialect } from '../results/check-result.js';
import type { LoadSample } from './load-sample.js';
import { nearestRank } from '../results/percentile.js';

/** The figures of one dialect's share of a load run. */
export interface LoadFigures {
  dialect: Dialect;
  /** slots of this dialect that came due */
  scheduled: number;
  started: number;
  ok: number;
  /** clean refusals: the webhook's policy said no to the device (an answer, not an error) */
  refused: number;
  errors: number;
  timeouts: number;
  cancelled: number;
  /** errors without any answer (connection refused, reset, broken off) */
  unanswered: number;
  /** nearest-rank percentiles of the answered samples (ok, refused, or a wrong answer), ms; none without answers */
  latencyMs?: { p50: number; p95: number; p99: number; max: number };
  /** error kinds and how often each came, most frequent first */
  errorKinds: { kind: string; count: number }[];
  /** refusals by status (`HTTP 400`), most frequent first */
  refusalKinds: { kind: string; count: number }[];
  /** the first refusal, for messages: `refused by the webhook: HTTP 400 "Unrecognized device registration."` */
  firstRefusal?: string;
}

const MAX_ERROR_KINDS = 8;

interface Counts {
  scheduled: number;
  started: number;
  ok: number;
  refused: number;
  errors: number;
  timeouts: number;
  cancelled: number;
  unanswered: number;
}

/** Collects samples as they end (memory: one number per sample) and sums them up per dialect. */
export class LoadStats {
  readonly #latencies = new Map<Dialect, number[]>();
  readonly #counts = new Map<Dialect, Counts>();
  readonly #errorKinds = new Map<Dialect, Map<string, number>>();
  readonly #refusalKinds = new Map<Dialect, Map<string, number>>();
  readonly #firstRefusal = new Map<Dialect, string>();

  #countsOf(dialect: Dialect): Counts {
    let counts = this.#counts.get(dialect);
    if (!counts) {
      counts = { scheduled: 0, started: 0, ok: 0, refused: 0, errors: 0, timeouts: 0, cancelled: 0, unanswered: 0 };
      this.#counts.set(dialect, counts);
    }
    return counts;
  }

  /** A slot of this dialect came due; `started` false when it was dropped. */
  slot(dialect: Dialect, started: boolean): void {
    const counts = this.#countsOf(dialect);
    counts.scheduled += 1;
    if (started) counts.started += 1;
  }

  add(sample: LoadSample): void {
    const counts = this.#countsOf(sample.dialect);
    if (sample.outcome === 'ok') counts.ok += 1;
    else if (sample.outcome === 'refused') counts.refused += 1;
    else if (sample.outcome === 'error') counts.errors += 1;
    else if (sample.outcome === 'timeout') counts.timeouts += 1;
    else counts.cancelled += 1;
    const answered =
      sample.outcome === 'ok' ||
      sample.outcome === 'refused' ||
      (sample.outcome === 'error' && sample.answered !== false);
    if (sample.outcome === 'error' && !answered) counts.unanswered += 1;
    if (answered) {
      let list = this.#latencies.get(sample.dialect);
      if (!list) this.#latencies.set(sample.dialect, (list = []));
      list.push(sample.latencyMs);
    }
    if (sample.outcome === 'error' || sample.outcome === 'timeout') {
      count(this.#errorKinds, sample.dialect, sample.outcome === 'timeout' ? 'timeout' : (sample.detail ?? 'error'));
    }
    if (sample.outcome === 'refused') {
      count(this.#refusalKinds, sample.dialect, sample.detail ?? 'refused');
      if (sample.refusal !== undefined && !this.#firstRefusal.has(sample.dialect)) {
        this.#firstRefusal.set(sample.dialect, sample.refusal);
      }
    }
  }

  /** Totals over every dialect, for the progress line. */
  totals(): { started: number; ok: number; refused: number; errors: number; timeouts: number; answered: number[] } {
    const out = { started: 0, ok: 0, refused: 0, errors: 0, timeouts: 0, answered: [] as number[] };
    for (const counts of this.#counts.values()) {
      out.started += counts.started;
      out.ok += counts.ok;
      out.refused += counts.refused;
      out.errors += counts.errors;
      out.timeouts += counts.timeouts;
    }
    for (const list of this.#latencies.values()) out.answered.push(...list.slice(-2000));
    return out;
  }

  figures(): LoadFigures[] {
    return [...this.#counts.entries()].map(([dialect, counts]) => {
      const latencies = this.#latencies.get(dialect) ?? [];
      const figures: LoadFigures = {
        dialect,
        ...counts,
        errorKinds: mostFrequent(this.#errorKinds.get(dialect)),
        refusalKinds: mostFrequent(this.#refusalKinds.get(dialect)),
      };
      const firstRefusal = this.#firstRefusal.get(dialect);
      if (firstRefusal !== undefined) figures.firstRefusal = firstRefusal;
      if (latencies.length > 0) {
        const sorted = [...latencies].sort((a, b) => a - b);
        figures.latencyMs = {
          p50: round(nearestRank(sorted, 50)),
          p95: round(nearestRank(sorted, 95)),
          p99: round(nearestRank(sorted, 99)),
          max: round(sorted[sorted.length - 1] ?? 0),
        };
      }
      return figures;
    });
  }
}

function count(kinds: Map<Dialect, Map<string, number>>, dialect: Dialect, kind: string): void {
  let of = kinds.get(dialect);
  if (!of) kinds.set(dialect, (of = new Map<string, number>()));
  of.set(kind, (of.get(kind) ?? 0) + 1);
}

function mostFrequent(kinds: Map<string, number> | undefined): { kind: string; count: number }[] {
  return [...(kinds ?? new Map<string, number>()).entries()]
    .map(([kind, n]) => ({ kind, count: n }))
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_ERROR_KINDS);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
