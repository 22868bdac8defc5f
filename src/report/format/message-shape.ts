import { DIALECTS } from '../../results/check-result.js';
import { RUN_WIDE_CASE_ID } from '../../results/run-wide.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The leading label a suite puts on a message (`<case> (ga): `, `run-wide (preview): `, `<case>: `, `ga: `):
 * it names where the result was seen, not what went wrong, so the same defect in both dialects is one cause.
 * Plain string tests, no RegExp: this runs once per result of a run.
 */
function withoutLabel(message: string, caseId: string | undefined): string {
  for (const name of [caseId, RUN_WIDE_CASE_ID, 'run-wide']) {
    if (name === undefined || name === '' || !message.startsWith(name)) continue;
    const rest = message.slice(name.length);
    const dialect = DIALECTS.find((d) => rest.startsWith(` (${d}): `));
    if (dialect !== undefined) return rest.slice(dialect.length + 5);
    if (rest.startsWith(': ')) return rest.slice(2);
  }
  const dialect = DIALECTS.find((d) => message.startsWith(`${d}: `));
  return dialect === undefined ? message : message.slice(dialect.length + 2);
}

/**
 * The shape of a result message: the message with what varies from case to case taken out (the
 * leading case label, the case id, numbers, quoted values, ids), so that the same defect hit by twenty
 * cases reads as one cause. Pure: the same message and case always give the same shape.
 */
export function messageShape(message: string, caseId?: string): string {
  let shape = withoutLabel(message, caseId);
  // the case id as a whole word only: case `a` must not change every "a" of the message
  if (caseId) shape = shape.replace(new RegExp(`(?<![\\w-])${escapeRegExp(caseId)}(?![\\w-])`, 'g'), '{case}');
  return shape
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '{id}')
    .replace(/\b\d+(?:\.\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}
