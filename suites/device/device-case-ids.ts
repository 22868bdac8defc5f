import type { DeviceTransport } from '../../src/adapters/protocol-types.js';
import { DIALECTS, type Dialect } from '../../src/results/check-result.js';
import { unknownValuesError, usageError } from '../../src/errors/harness-error.js';
import type { CorpusCase } from '../corpus/corpus-case.js';
import { deviceCases } from './device-case.js';
import { EMULATED_TRANSPORTS } from './plan-device-run.js';

/**
 * Every case id the device suite can run, whatever the implementation claims: the corpus cases a
 * device registers with (symmetric key and X.509), in either dialect, and the dedicated cases.
 */
export function knownDeviceCaseIds(corpus: readonly CorpusCase[]): string[] {
  const ids = new Set<string>();
  for (const transport of EMULATED_TRANSPORTS) {
    for (const dialect of DIALECTS) {
      for (const c of deviceCases(corpus, { transport, dialect, endToEnd: true, x509: true })) ids.add(c.caseId);
    }
  }
  return [...ids];
}

/**
 * `--case-ids` that names a case the device suite does not have is a usage error before anything
 * starts (exit 2, with "did you mean" or the list): a typo must not make a green run of nothing.
 */
export function checkDeviceCaseIds(caseIds: readonly string[] | undefined, corpus: readonly CorpusCase[]): void {
  if (caseIds === undefined) return;
  if (caseIds.length === 0) throw usageError('--case-ids names no case (give one or more case ids, comma-separated)');
  const known = knownDeviceCaseIds(corpus);
  const unknown = caseIds.filter((id) => !known.includes(id));
  if (unknown.length === 0) return;
  const webhookOnly = unknown.filter((id) => corpus.some((c) => c.id === id));
  if (webhookOnly.length > 0) {
    throw usageError(`--case-ids: ${webhookOnly.map((id) => JSON.stringify(id)).join(', ')} ${webhookOnly.length === 1 ? 'is a case' : 'are cases'} of the webhook suite only (their attestation is not emulated for devices)`);
  }
  throw unknownValuesError('--case-ids', unknown, known, 'device case');
}

/** What one device run covers, as far as `--case-ids` is concerned. */
export interface CaseIdCoverage {
  transports: readonly DeviceTransport[];
  dialects: readonly Dialect[];
  /** the implementation claims X.509 and the emulator serves it */
  x509: boolean;
  implementationName: string;
}

/**
 * Once the implementation has said what it claims: every `--case-ids` entry must make at least one
 * registration in this run. A case that would only be skipped (not defined for the dialects tested,
 * an X.509 case for an implementation that does not claim X.509) is a usage error with the reason.
 */
export function checkCaseIdsRun(caseIds: readonly string[] | undefined, corpus: readonly CorpusCase[], coverage: CaseIdCoverage): void {
  if (caseIds === undefined) return;
  const runs = new Set<string>();
  const skipReasons = new Map<string, string>();
  for (const transport of coverage.transports) {
    for (const dialect of coverage.dialects) {
      for (const c of deviceCases(corpus, { transport, dialect, endToEnd: false, x509: coverage.x509 })) {
        if (c.skipReason === undefined) runs.add(c.caseId);
        else if (!skipReasons.has(c.caseId)) skipReasons.set(c.caseId, c.skipReason);
      }
    }
  }
  const idle = caseIds.filter((id) => !runs.has(id));
  if (idle.length === 0) return;
  const why = idle.map((id) => {
    const skip = skipReasons.get(id);
    if (skip !== undefined) return `${id}: ${skip} (this run tests ${coverage.dialects.join(', ')})`;
    if (corpus.some((c) => c.id === id && c.attestation === 'x509')) return `${id}: an X.509 case, and ${coverage.implementationName} does not claim x509`;
    return `${id}: not a case of this run`;
  });
  throw usageError(`--case-ids selects no registration for ${idle.length === 1 ? 'this case' : 'these cases'} in this run:\n${why.map((w) => `  - ${w}`).join('\n')}`);
}
