import { createHash } from 'node:crypto';
import { parseCtrf } from '../report/format/parse-ctrf.js';
import type { RunInfo } from '../results/run-info.js';
import { countOutcomes, type OutcomeCounts } from '../results/summarise-results.js';
import type { SuiteDigests } from './suite-digests.js';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://dps-conformance.local/attestation/conformance-results/v1';
/** The one subject: the results file, by the name it has beside attestation.json. */
export const SUBJECT_NAME = 'ctrf.json';

type Sha256 = { sha256: string };

/** What the signer vouches for, besides the digest of ctrf.json. */
export interface ConformancePredicate {
  harness: { name: 'dps-conformance'; version: string };
  suiteVersion: string;
  /** what the checks came from: digests of this harness's `schemas/`, `contracts/`, `suites/corpus/` */
  suite: { schemas: Sha256; contracts: Sha256; corpus: Sha256 };
  run: Pick<RunInfo, 'command' | 'startedAt' | 'finishedAt' | 'shard' | 'incomplete' | 'incompleteReason'>;
  /** the `--declare` file as given, or null when the run had none */
  declaration: unknown;
  /** every implementation the results name, `name@version` (or the webhook URL), sorted */
  implementations: string[];
  summary: OutcomeCounts;
  /** `pass` when no MUST result failed or errored unwaived: the same rule as the exit status */
  verdict: 'pass' | 'fail';
}

export interface ConformanceStatement {
  _type: typeof STATEMENT_TYPE;
  subject: { name: string; digest: Sha256 }[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: ConformancePredicate;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function runOf(runInfo: RunInfo): ConformancePredicate['run'] {
  const run: ConformancePredicate['run'] = { command: runInfo.command, startedAt: runInfo.startedAt };
  if (runInfo.finishedAt !== undefined) run.finishedAt = runInfo.finishedAt;
  if (runInfo.shard !== undefined) run.shard = runInfo.shard;
  if (runInfo.incomplete !== undefined) run.incomplete = runInfo.incomplete;
  if (runInfo.incompleteReason !== undefined) run.incompleteReason = runInfo.incompleteReason;
  return run;
}

/**
 * The in-toto Statement v1 over a ctrf.json. Counts and verdict are computed from the ctrf bytes
 * themselves (not from a separate list), so the statement cannot disagree with the file it names.
 */
export function buildStatement(input: { ctrf: Uint8Array | string; runInfo: RunInfo; declaration?: unknown; digests: SuiteDigests }): ConformanceStatement {
  const text = typeof input.ctrf === 'string' ? input.ctrf : Buffer.from(input.ctrf).toString('utf8');
  const { results } = parseCtrf(text, SUBJECT_NAME);
  const summary = countOutcomes(results);
  const implementations = [...new Set(results.map((r) => (r.implementation.version ? `${r.implementation.name}@${r.implementation.version}` : r.implementation.name)))].sort();
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: SUBJECT_NAME, digest: { sha256: sha256Hex(input.ctrf) } }],
    predicateType: PREDICATE_TYPE,
    predicate: {
      harness: { name: 'dps-conformance', version: input.runInfo.tool.version },
      suiteVersion: input.runInfo.suiteVersion,
      suite: { schemas: { sha256: input.digests.schemas }, contracts: { sha256: input.digests.contracts }, corpus: { sha256: input.digests.corpus } },
      run: runOf(input.runInfo),
      declaration: input.declaration ?? input.runInfo.declaration ?? null,
      implementations,
      summary,
      verdict: summary.blocking === 0 ? 'pass' : 'fail',
    },
  };
}
