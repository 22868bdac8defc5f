import { performance } from 'node:perf_hooks';

/** One timed phase of a run (e.g. `webhook suite`, `SDK start-up: Azure IoT Node SDK`, `report writing`). */
export interface RunPhase {
  name: string;
  /** ms from the start of the run to the start of the phase */
  startMs: number;
  /** how long it took, ms */
  ms: number;
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Times the phases of a run against one origin. Phases may overlap (implementations run side by
 * side): each keeps its own start and length, so a reader can see which ran at once.
 */
export class PhaseClock {
  readonly #origin: number;
  /** with the unrounded start, so phases that start within the same 0.1 ms keep their order */
  readonly #phases: { phase: RunPhase; start: number }[] = [];

  constructor(origin = performance.now()) {
    this.#origin = origin;
  }

  /** Starts a phase; the returned function ends it (a second call does nothing). */
  begin(name: string): () => void {
    const start = performance.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#phases.push({ phase: { name, startMs: r1(start - this.#origin), ms: r1(performance.now() - start) }, start });
    };
  }

  /** Times one piece of async work as a phase (ended also when it rejects). */
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const end = this.begin(name);
    try {
      return await work();
    } finally {
      end();
    }
  }

  /**
   * A phase shared by several pieces of work that overlap (the lanes of one suite): it starts with
   * the first `enter` and ends with the last `leave`. Work entering after all had left starts a
   * second phase of the same name.
   */
  shared(name: string): { enter(): void; leave(): void } {
    let open = 0;
    let end = (): void => undefined;
    return {
      enter: () => {
        if (open === 0) end = this.begin(name);
        open += 1;
      },
      leave: () => {
        open -= 1;
        if (open === 0) end();
      },
    };
  }

  /** The phases ended so far, in order of start. */
  get phases(): RunPhase[] {
    return [...this.#phases].sort((a, b) => a.start - b.start).map((p) => p.phase);
  }
}
