import type { CheckResult } from '../../results/check-result.js';
import { groupBy } from '../../results/summarise-results.js';
import { implementationLabel } from './implementation-label.js';
import { partyOf } from './party.js';
import { terminalText } from './terminal-text.js';
import { PREVIEW_DIALECT_ADVICE, PROFILE_ADVICE } from '../../webhook-profile/profile-advice.js';

const STATUS_CHECK = 'webhook.response.status';

/** A webhook that answered nothing at all: one line saying so helps more than hundreds of errored checks. */
function unreachable(label: string, own: readonly CheckResult[]): string | undefined {
  if (own.some((r) => r.outcome === 'passed' || r.outcome === 'failed')) return undefined;
  const first = own.find((r) => r.outcome === 'errored' && typeof r.actual === 'string') ?? own.find((r) => r.outcome === 'errored');
  if (!first) return undefined;
  const why = typeof first.actual === 'string' ? first.actual : first.message.replace(/^.*?\((?:ga|preview)\): /, '');
  return `${label} is unreachable: ${why}; check --url and that the webhook is running`;
}

/** Every status check answered 401: the webhook wants a key (an Azure Function's `?code=`). */
function unauthorised(label: string, own: readonly CheckResult[]): string | undefined {
  const status = own.filter((r) => r.checkId === STATUS_CHECK && r.outcome !== 'skipped');
  if (status.length === 0 || !status.every((r) => r.outcome === 'failed' && /\bHTTP 401\b/.test(r.message))) return undefined;
  return `${label} answered every request with 401 Unauthorized: pass its function key with --function-key (sent as ?code=, as DPS does)`;
}

/**
 * The webhook's policy refused every request of a dialect (`webhook.allocation.accepts`, `load.errors`):
 * the advice, whole (the failure's own line may be cut), once per webhook.
 */
function refusesEverything(label: string, own: readonly CheckResult[]): string | undefined {
  const refused = own.filter((r) => r.mismatch === 'refuses-everything' && (r.outcome === 'failed' || r.outcome === 'errored'));
  if (refused.length === 0) return undefined;
  const dialects = [...new Set(refused.map((r) => r.dialect))].join(' and ');
  const preview = refused.some((r) => r.message.includes(PREVIEW_DIALECT_ADVICE)) ? `${PREVIEW_DIALECT_ADVICE}; otherwise ` : '';
  const cases = refused.some((r) => r.checkId === 'webhook.allocation.accepts') ? ' or --cases FILE with devices it accepts' : '';
  return `${label} refused every request (${dialects}): its policy accepts none of the harness's devices; ${preview}${PROFILE_ADVICE}${cases}; see docs/webhook-profiles.md`;
}

/** One-line diagnoses of the traps a new user falls into, printed before the failures, never cut. */
export function consoleHints(results: readonly CheckResult[]): string[] {
  const hints: string[] = [];
  for (const [label, own] of groupBy(results.filter((r) => partyOf(r) === 'webhook'), implementationLabel)) {
    const hint = unreachable(label, own) ?? unauthorised(label, own) ?? refusesEverything(label, own);
    if (hint) hints.push(`hint: ${terminalText(hint)}`);
  }
  // load judges the same refusals (load.errors)
  for (const [label, own] of groupBy(results.filter((r) => r.checkId.startsWith('load.')), implementationLabel)) {
    const hint = refusesEverything(label, own);
    if (hint) hints.push(`hint: ${terminalText(hint)}`);
  }
  return hints;
}
