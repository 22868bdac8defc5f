import type { Dialect } from '../results/check-result.js';
import { getSchemaRegistry } from '../schemas/schema-registry.js';

/**
 * The members of a webhook's answer with a check of their own, judged once here for the webhook suite
 * (`webhook.response.initialTwin`, `webhook.returnData.type`) and for the contract verification (the
 * optional members Pact cannot express), so that one defect is named the same way wherever it shows.
 */

/** `{tags?, properties?: {desired?}}`, as messages say it. */
export const INITIAL_TWIN_SHAPE = '{tags?: object, properties?: {desired?: object}}';

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * What is wrong with an answer's `initialTwin`, one line each with its path from the answer's root
 * (`/initialTwin/desired: unexpected member "desired" (not allowed here)`); none when it is absent, null
 * or of the documented shape (schemas/common/defs.schema.json `initialTwin`).
 */
export function initialTwinProblems(twin: unknown): string[] {
  if (twin === undefined || twin === null) return [];
  const outcome = getSchemaRegistry().validateDefinition('common/defs', 'initialTwin', twin);
  return outcome.errors.map((e) => `/initialTwin${e.path}: ${e.message}`);
}

/** The returned data's member in a dialect: ga `payload` (an object), preview `returnData` (a string). */
export function returnedDataMember(dialect: Dialect): { member: 'payload' | 'returnData'; wanted: string } {
  return dialect === 'ga' ? { member: 'payload', wanted: 'a JSON object' } : { member: 'returnData', wanted: 'a string' };
}

/** What is wrong with the type of the returned data, or undefined when it is absent, null or of the dialect's type. */
export function returnedDataProblem(dialect: Dialect, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const ok = dialect === 'ga' ? typeof value === 'object' && !Array.isArray(value) : typeof value === 'string';
  if (ok) return undefined;
  const { member, wanted } = returnedDataMember(dialect);
  return `/${member}: expected ${wanted} or null (${dialect} returned data), got ${describeType(value)}`;
}
