import type { CheckResult } from '../../results/check-result.js';
import { stringifyJson } from '../../json/stringify-json.js';
import { toJsonSafe } from './json-safe.js';

/**
 * Each distinct piece of evidence of a report's results, numbered once (`e1`, `e2`, ... in the order the
 * results first cite them): a registration's transcript and adapter exchange is cited by every check of
 * it that failed, and is stored once (ctrf.json `results.extra.evidence`) and referenced by id (a test's
 * `extra.evidence`, JUnit's pointer). Pieces are the same when their JSON is; the same results always
 * get the same ids, so every file of a report set names a piece alike.
 */
export class EvidenceIndex {
  private readonly byResult = new Map<CheckResult, string>();
  private readonly byText = new Map<string, string>();
  private readonly byObject = new Map<object, string>();
  /** id -> the piece, JSON-safe, in id order */
  readonly pieces = new Map<string, unknown>();

  constructor(results: readonly CheckResult[]) {
    for (const result of results) {
      if (result.evidence === undefined) continue;
      this.byResult.set(result, this.idFor(result.evidence));
    }
  }

  private idFor(evidence: unknown): string {
    // the same object (results of one registration before they were copied) needs no second serialisation
    const known = typeof evidence === 'object' && evidence !== null ? this.byObject.get(evidence) : undefined;
    if (known !== undefined) return known;
    const safe = toJsonSafe(evidence);
    const text = safe === undefined ? 'null' : stringifyJson(safe);
    let id = this.byText.get(text);
    if (id === undefined) {
      id = `e${this.byText.size + 1}`;
      this.byText.set(text, id);
      this.pieces.set(id, safe);
    }
    if (typeof evidence === 'object' && evidence !== null) this.byObject.set(evidence, id);
    return id;
  }

  /** The id of a result's evidence, undefined when it has none. */
  idOf(result: CheckResult): string | undefined {
    return this.byResult.get(result);
  }
}
