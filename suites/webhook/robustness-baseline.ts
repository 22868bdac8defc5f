import type { Dialect } from '../../src/results/check-result.js';
import { deviceDataFor, type CorpusCase } from '../corpus/corpus-case.js';
import type { RobustnessBaseline } from './planned-case.js';

/**
 * The corpus case that is the baseline of the robustness check: the plainest device there is (an
 * enrollment group, a symmetric key, initial assignment, a small flat object of ASCII device data).
 * With a profile it becomes the profile's plainest device (docs/webhook-profiles.md).
 */
export const BASELINE_CASE_ID = 'group-symkey-initial';

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameHubs(a: CorpusCase, b: CorpusCase): boolean {
  const norm = (c: CorpusCase): string =>
    c.linkedHubs
      .map((h) => h.toLowerCase())
      .sort()
      .join(' ');
  return norm(a) === norm(b);
}

/**
 * How a corpus case relates to the baseline in a dialect, or undefined when it is no variant of it: a
 * variant is sent with object device data (so a profile's payload members are in it), is no
 * reprovisioning and links the same hubs; what it changes is the data's shape or size, unknown request
 * members, or the enrollment or attestation kind. A device that sends no data, or data that is not an
 * object, is not one: refusing it can be a policy. The profile changes both alike, so the relation holds.
 */
export function baselineRelation(
  entry: CorpusCase,
  baseline: CorpusCase,
  dialect: Dialect,
): RobustnessBaseline | undefined {
  if (entry.id === baseline.id || entry.reprovision || !sameHubs(entry, baseline)) return undefined;
  if (!isObject(deviceDataFor(entry, dialect)?.value)) return undefined;
  const differences: string[] = [];
  if (entry.enrollment !== baseline.enrollment) differences.push(`its enrollment (${entry.enrollment})`);
  if (entry.attestation !== baseline.attestation) differences.push(`its attestation (${entry.attestation})`);
  if (entry.requestExtras) differences.push('unknown request members');
  if (JSON.stringify(deviceDataFor(entry, dialect)) !== JSON.stringify(deviceDataFor(baseline, dialect))) {
    const tags = (entry.tags ?? []).filter((t) => !['enrollment', 'attestation', 'evolution', 'hubs'].includes(t));
    differences.push(`its device data${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`);
  }
  if (differences.length === 0) return undefined;
  return { caseId: baseline.id, differsIn: differences.join(' and ') };
}
