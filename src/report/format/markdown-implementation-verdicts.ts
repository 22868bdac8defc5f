import type { CheckResult } from '../../results/check-result.js';
import { safeHttpUrl } from './safe-url.js';
import type { Cause } from './group-by-cause.js';
import { mdText } from './markdown-escape.js';
import { mustRateText, summariseImplementations } from './implementation-summary.js';
import { rootCauseLabel } from './root-causes.js';

const MARK = { pass: '✅', fail: '❌', 'not run': '⚪' } as const;
const ROOT_CAUSES_SHOWN = 4;

/**
 * One line per implementation, first in summary.md: its verdict, MUST pass rate and root causes (its
 * failure causes, blocking first), with its package coordinate and a link to its notes when it has them.
 */
export function markdownImplementationVerdicts(results: readonly CheckResult[], causes: readonly Cause[]): string[] {
  const lines = summariseImplementations(results).map((summary) => {
    // a harness fault is the harness's, never a root cause of the implementation
    const mine = causes.filter((c) => c.implementation === summary.label);
    const own = mine.filter((c) => c.firstResult.harnessFault !== true);
    const harness = mine.length - own.length;
    const coordinate = summary.coordinate === summary.label ? '' : ` (\`${mdText(summary.coordinate)}\`)`;
    const url = safeHttpUrl(summary.docsUrl);
    const docs = url === undefined ? '' : ` · [notes](${url})`;
    let why: string;
    if (summary.verdict === 'not run') why = mdText(summary.notRunReason ?? 'nothing ran');
    else if (own.length === 0) why = harness > 0 ? 'no failures of its own' : 'no failures';
    else {
      const named = own.slice(0, ROOT_CAUSES_SHOWN).map((c) => mdText(rootCauseLabel(c)));
      why = `root causes: ${named.join('; ')}${own.length > ROOT_CAUSES_SHOWN ? `; and ${own.length - ROOT_CAUSES_SHOWN} more` : ''}`;
    }
    const ours = harness > 0 ? ` · and ${harness} harness fault${harness === 1 ? '' : 's'} (the harness broke, not the implementation)` : '';
    return `- ${MARK[summary.verdict]} **${mdText(summary.label)}**${coordinate}: ${summary.verdict.toUpperCase()} · ${mustRateText(summary)} · ${why}${ours}${docs}`;
  });
  return ['## Verdict per implementation', '', ...lines, ''];
}
