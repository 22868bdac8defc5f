import type { CheckResult } from '../../results/check-result.js';
import { groupBy } from '../../results/summarise-results.js';
import { implementationLabel } from './implementation-label.js';
import { partyOf } from './party.js';
import { terminalText } from './terminal-text.js';

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

/** One-line diagnoses of the traps a new user falls into, printed before the failures. */
export function consoleHints(results: readonly CheckResult[]): string[] {
  const hints: string[] = [];
  for (const [label, own] of groupBy(results.filter((r) => partyOf(r) === 'webhook'), implementationLabel)) {
    const hint = unreachable(label, own) ?? unauthorised(label, own);
    if (hint) hints.push(`hint: ${terminalText(hint)}`);
  }
  return hints;
}
