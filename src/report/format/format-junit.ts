import { isNotReached, type CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { groupBy, rowKey } from '../../results/summarise-results.js';
import { clipLine } from './clip-line.js';
import { EvidenceIndex } from './evidence-index.js';
import { implementationLabel } from './implementation-label.js';
import { describeValue, truncateText } from './text-limits.js';
import { displayCountsOf } from './verdict.js';
import { xmlAttr, xmlText } from './xml-escape.js';

/**
 * A CI test tab shows a short message and a little detail; the whole result, its expected and actual
 * values and its evidence are in ctrf.json (and report.html), which the detail points to.
 */
const MAX_MESSAGE_CHARS = 500;
const MAX_VALUE_CHARS = 512;

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

function pointer(evidenceId: string | undefined): string {
  return evidenceId === undefined
    ? 'the whole result: ctrf.json; every failure by cause: report.html'
    : `evidence ${evidenceId}: ctrf.json results.extra.evidence.${evidenceId} (the exchange, stored once for every result that cites it); report.html shows it as Evidence ${evidenceId} when it is the evidence of its cause's first result`;
}

function detailText(result: CheckResult, evidenceId: string | undefined): string {
  const parts = [clipLine(result.message, MAX_MESSAGE_CHARS)];
  if (result.waived) parts.push(`WAIVED until ${result.waived.expires}: ${result.waived.reason}`);
  if ('expected' in result) parts.push(`expected:\n${truncateText(describeValue(result.expected), MAX_VALUE_CHARS)}`);
  if ('actual' in result) parts.push(`actual:\n${truncateText(describeValue(result.actual), MAX_VALUE_CHARS)}`);
  parts.push(pointer(evidenceId));
  return parts.join('\n\n');
}

/** `skipped`, waived and not-reached results are all `<skipped>` (never a failure), each saying which it is. */
function skippedMessage(result: CheckResult): string {
  if (result.waived) return `WAIVED until ${result.waived.expires}: ${result.waived.reason} (${result.outcome}: ${result.message})`;
  if (isNotReached(result)) return `not reached: blocked by ${result.blockedBy ?? ''}: ${result.message}`;
  return result.message;
}

function testcase(result: CheckResult, evidence: EvidenceIndex): string {
  const open = `    <testcase classname="${xmlAttr(result.checkId)}" name="${xmlAttr(`${result.checkId} [${result.caseId}]`)}" time="${seconds(timeOf(result))}"`;
  if (result.outcome === 'passed') return `${open}/>`;
  if (result.outcome === 'skipped' || result.waived) {
    const body = result.waived ? xmlText(detailText(result, evidence.idOf(result))) : '';
    return `${open}>\n      <skipped message="${xmlAttr(clipLine(skippedMessage(result), MAX_MESSAGE_CHARS))}"${body === '' ? '/>' : `>${body}</skipped>`}\n    </testcase>`;
  }
  const tag = result.outcome === 'failed' ? 'failure' : 'error';
  const type = result.mismatch ?? (result.harnessFault ? 'harness-fault' : result.outcome === 'failed' ? 'mismatch' : 'target-misbehaviour');
  const message = `${result.level} ${clipLine(result.message, MAX_MESSAGE_CHARS)}`;
  return `${open}>\n      <${tag} message="${xmlAttr(message)}" type="${xmlAttr(type)}">${xmlText(detailText(result, evidence.idOf(result)))}</${tag}>\n    </testcase>`;
}

/** A test case's time: the exchange it judged (the register call, the webhook answer), as in ctrf.json; 0 when it judged none. */
function timeOf(result: CheckResult): number {
  return result.exchangeMs ?? 0;
}

/** A suite's time: each case's exchange once, though several checks judged it. */
function exchangeTime(results: readonly CheckResult[]): number {
  const byCase = new Map<string, number>();
  for (const r of results) {
    const key = `${r.caseId} ${r.transport} ${r.dialect} ${r.exchangeMs === undefined ? r.checkId : ''}`;
    byCase.set(key, Math.max(byCase.get(key) ?? 0, timeOf(r)));
  }
  let sum = 0;
  for (const ms of byCase.values()) sum += ms;
  return sum;
}

/** failures, errors, skipped as JUnit counts them: waived and not-reached results are skipped, never failures. */
function junitCounts(results: readonly CheckResult[]): string {
  const c = displayCountsOf(results);
  return `tests="${results.length}" failures="${c.failed}" errors="${c.errored}" skipped="${c.skipped + c.notReached + c.waived}"`;
}

function testsuite(results: CheckResult[], timestamp: string, evidence: EvidenceIndex): string {
  const first = results[0];
  const time = exchangeTime(results);
  const name = first ? `${implementationLabel(first)} ${first.transport} ${first.dialect}` : '';
  const props = first
    ? [
        ['implementation', first.implementation.name],
        ['implementation.version', first.implementation.version],
        ['implementation.displayName', first.implementation.displayName],
        ['transport', first.transport],
        ['dialect', first.dialect],
      ]
        .filter((p): p is [string, string] => p[1] !== undefined)
        .map(([key, value]) => `      <property name="${xmlAttr(key)}" value="${xmlAttr(value)}"/>`)
    : [];
  return [
    `  <testsuite name="${xmlAttr(name)}" ${junitCounts(results)} time="${seconds(time)}" timestamp="${xmlAttr(timestamp)}">`,
    `    <properties>\n${props.join('\n')}\n    </properties>`,
    ...results.map((r) => testcase(r, evidence)),
    '  </testsuite>',
  ].join('\n');
}

/**
 * JUnit XML for CI test tabs: one `<testsuite>` per implementation x transport x dialect, named by the
 * implementation's display name; failed -> `<failure>`, errored -> `<error>`, each with a short message
 * (its level first) and a pointer to the whole result and its evidence in ctrf.json; waived and
 * not-reached results are `<skipped>`, saying which.
 */
export function formatJunit(results: readonly CheckResult[], runInfo: RunInfo): string {
  return [...junitChunks(results, runInfo)].join('');
}

/** formatJunit's text in pieces (one per test suite), so that a big report is written without holding it whole. */
export function* junitChunks(results: readonly CheckResult[], runInfo: RunInfo): Generator<string> {
  const time = exchangeTime(results);
  const name = `dps-conformance ${runInfo.command}`;
  const evidence = new EvidenceIndex(results);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="${xmlAttr(name)}" ${junitCounts(results)} time="${seconds(time)}">\n`;
  for (const group of groupBy(results, rowKey).values()) yield `${testsuite(group, runInfo.startedAt, evidence)}\n`;
  yield '</testsuites>\n';
}
