import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, groupBy, rowKey } from '../../results/summarise-results.js';
import { describeValue, truncateText } from './text-limits.js';
import { xmlAttr, xmlText } from './xml-escape.js';

/** CI test tabs choke on huge bodies; the full values are in ctrf.json. */
const MAX_DETAIL_CHARS = 16 * 1024;

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

function detailText(result: CheckResult): string {
  const parts = [result.message];
  if (result.waived) parts.push(`waived until ${result.waived.expires}: ${result.waived.reason}`);
  if ('expected' in result) parts.push(`expected:\n${truncateText(describeValue(result.expected), MAX_DETAIL_CHARS)}`);
  if ('actual' in result) parts.push(`actual:\n${truncateText(describeValue(result.actual), MAX_DETAIL_CHARS)}`);
  if (result.evidence !== undefined) parts.push(`evidence:\n${truncateText(describeValue(result.evidence), MAX_DETAIL_CHARS)}`);
  return parts.join('\n\n');
}

function testcase(result: CheckResult): string {
  const open = `    <testcase classname="${xmlAttr(result.checkId)}" name="${xmlAttr(`${result.checkId} [${result.caseId}]`)}" time="${seconds(timeOf(result))}"`;
  const message = result.waived ? `[waived] ${result.message}` : result.message;
  switch (result.outcome) {
    case 'passed':
      return `${open}/>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${xmlAttr(result.message)}"/>\n    </testcase>`;
    case 'failed':
    case 'errored': {
      const tag = result.outcome === 'failed' ? 'failure' : 'error';
      const type = result.mismatch ?? (result.harnessFault ? 'harness-fault' : result.outcome === 'failed' ? 'mismatch' : 'target-misbehaviour');
      return `${open}>\n      <${tag} message="${xmlAttr(message)}" type="${xmlAttr(type)}">${xmlText(detailText(result))}</${tag}>\n    </testcase>`;
    }
  }
}

/** A test case's time: the exchange it judged when known (the register call, the webhook answer), else the check's own. */
function timeOf(result: CheckResult): number | undefined {
  return result.exchangeMs ?? result.durationMs;
}

/** A suite's time: each case's exchange once, though several checks judged it. */
function exchangeTime(results: readonly CheckResult[]): number {
  const byCase = new Map<string, number>();
  for (const r of results) {
    const key = `${r.caseId} ${r.transport} ${r.dialect} ${r.exchangeMs === undefined ? r.checkId : ''}`;
    byCase.set(key, Math.max(byCase.get(key) ?? 0, timeOf(r) ?? 0));
  }
  let sum = 0;
  for (const ms of byCase.values()) sum += ms;
  return sum;
}

function testsuite(key: string, results: CheckResult[], timestamp: string): string {
  const c = countOutcomes(results);
  const first = results[0];
  const time = exchangeTime(results);
  const props = first
    ? [
        ['implementation', first.implementation.name],
        ['implementation.version', first.implementation.version],
        ['transport', first.transport],
        ['dialect', first.dialect],
      ]
        .filter((p): p is [string, string] => p[1] !== undefined)
        .map(([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`)
    : [];
  return [
    `  <testsuite name="${xmlAttr(key)}" tests="${c.total}" failures="${c.failed}" errors="${c.errored}" skipped="${c.skipped}" time="${seconds(time)}" timestamp="${xmlAttr(timestamp)}">`,
    `    <properties>\n${props.join('\n')}\n    </properties>`,
    ...results.map(testcase),
    '  </testsuite>',
  ].join('\n');
}

/** JUnit XML for CI test tabs: one `<testsuite>` per implementation x transport x dialect; failed -> `<failure>`, errored -> `<error>`. */
export function formatJunit(results: readonly CheckResult[], runInfo: RunInfo): string {
  return [...junitChunks(results, runInfo)].join('');
}

/** formatJunit's text in pieces (one per test suite), so that a big report is written without holding it whole. */
export function* junitChunks(results: readonly CheckResult[], runInfo: RunInfo): Generator<string> {
  const c = countOutcomes(results);
  const time = exchangeTime(results);
  const name = `dps-conformance ${runInfo.command}`;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="${xmlAttr(name)}" tests="${c.total}" failures="${c.failed}" errors="${c.errored}" skipped="${c.skipped}" time="${seconds(time)}">\n`;
  for (const [key, group] of groupBy(results, rowKey)) yield `${testsuite(key, group, runInfo.startedAt)}\n`;
  yield '</testsuites>\n';
}
