import type { Cause } from './group-by-cause.js';

/** Where a failure cause belongs in a report, in the order a person fixes things; waived last since they were accepted. */
export type CauseSection = 'blocking-failed' | 'blocking-errored' | 'should-failed' | 'should-errored' | 'waived';

const ORDER: readonly CauseSection[] = ['blocking-failed', 'blocking-errored', 'should-failed', 'should-errored', 'waived'];

/**
 * The section of a failed or errored cause: blocking when any of its results blocks, waived only when
 * all of them are, else not blocking. summary.md and report.html both section by this, so each cause is
 * in one section, counted once.
 */
export function causeSection(cause: Cause): CauseSection {
  if (cause.blocking > 0) return cause.outcome === 'failed' ? 'blocking-failed' : 'blocking-errored';
  if (cause.waived === cause.count) return 'waived';
  return cause.outcome === 'failed' ? 'should-failed' : 'should-errored';
}

/** Failure causes by section, in ORDER, empty sections left out; causes keep their order within a section. */
export function causesBySection(causes: readonly Cause[]): Array<{ section: CauseSection; causes: Cause[] }> {
  return ORDER.map((section) => ({ section, causes: causes.filter((c) => causeSection(c) === section) })).filter((s) => s.causes.length > 0);
}
