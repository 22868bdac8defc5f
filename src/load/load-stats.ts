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
  errors: number;
  timeouts: number;
  cancelled: number;
  /** errors without any answer (refused, reset, broken off) */
  unanswered: number;
  /** nearest-rank percentiles of the answered samples (ok, or a wrong answer), ms; undefined without answers */
  latencyMs?: { p50: number; p95: number; p99: number; max: number };
  /** error kinds and how often each came, most frequent first */
  errorKinds: { kind: string; count: number }[];
}

const MAX_ERROR_KINDS = 8;

interface Counts {
  scheduled: number;
  started: number;
  ok: number;
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

  #countsOf(dialect: Dialect): Counts {
    let counts = this.#counts.get(dialect);
    if (!counts) {
      counts = { scheduled: 0, started: 0, ok: 0, errors: 0, timeouts: 0, cancelled: 0, unanswered: 0 };
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
    else if (sample.outcome === 'error') counts.errors += 1;
    else if (sample.outcome === 'timeout') counts.timeouts += 1;
    else counts.cancelled += 1;
    const answered = sample.outcome === 'ok' || (sample.outcome === 'error' && sample.answered !== false);
    if (sample.outcome === 'error' && !answered) counts.unanswered += 1;
    if (answered) {
      let list = this.#latencies.get(sample.dialect);
      if (!list) this.#latencies.set(sample.dialect, (list = []));
      list.push(sample.latencyMs);
    }
    if (sample.outcome === 'error' || sample.outcome === 'timeout') {
      let kinds = this.#errorKinds.get(sample.dialect);
      if (!kinds) this.#errorKinds.set(sample.dialect, (kinds = new Map<string, number>()));
      const kind = sample.outcome === 'timeout' ? 'timeout' : (sample.detail ?? 'error');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  }

  /** Totals over every dialect, for the progress line. */
  totals(): { started: number; ok: number; errors: number; timeouts: number; answered: number[] } {
    const out = { started: 0, ok: 0, errors: 0, timeouts: 0, answered: [] as number[] };
    for (const counts of this.#counts.values()) {
      out.started += counts.started;
      out.ok += counts.ok;
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
        errorKinds: [...(this.#errorKinds.get(dialect) ?? new Map<string, number>()).entries()]
          .map(([kind, count]) => ({ kind, count }))
          .sort((a, b) => b.count - a.count)
          .slice(0, MAX_ERROR_KINDS),
      };
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

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
