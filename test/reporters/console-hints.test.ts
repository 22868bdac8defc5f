import assert from 'node:assert/strict';
import { consoleHints } from '../../src/report/format/console-hints.js';
import { formatConsoleCauses } from '../../src/report/format/format-console-causes.js';
import type { CheckResult } from '../../src/results/check-result.js';

const URL = 'http://127.0.0.1:9/api/allocate';
const result = (overrides: Partial<CheckResult>): CheckResult => ({
  checkId: 'webhook.response.status', level: 'MUST', outcome: 'passed', dialect: 'ga', transport: 'http', caseId: 'data-flat',
  implementation: { name: URL }, message: 'ok', ...overrides,
});

describe('console hints for the traps a new user falls into', () => {
  it('says in one line that a webhook that answered nothing is unreachable', () => {
    const refused = 'no answer (refused): connection refused (connect ECONNREFUSED 127.0.0.1:9)';
    const results = [
      result({ outcome: 'errored', mismatch: 'refused', message: `data-flat (ga): expected an answer, got ${refused}`, actual: refused }),
      result({ checkId: 'webhook.response.json', outcome: 'errored', mismatch: 'not-sent', message: 'data-x (ga): not sent: gave up' }),
      result({ checkId: 'webhook.case.hub', outcome: 'skipped', message: 'not judged' }),
    ];
    assert.deepEqual(consoleHints(results), [`hint: ${URL} is unreachable: ${refused}; check --url and that the webhook is running`]);
  });

  it('hints at --function-key when every request was answered 401, and not when one was not', () => {
    const denied = (caseId: string): CheckResult => result({ caseId, outcome: 'failed', message: `${caseId} (ga): expected HTTP 200, got HTTP 401 Unauthorized with body "missing key"` });
    assert.match(consoleHints([denied('a'), denied('b'), result({ checkId: 'webhook.case.hub', outcome: 'skipped' })])[0] ?? '', /answered every request with 401 Unauthorized: pass its function key with --function-key/);
    assert.deepEqual(consoleHints([denied('a'), result({ caseId: 'b' })]), []);
    assert.deepEqual(consoleHints([result({})]), [], 'a healthy webhook gets no hint');
  });

  it('gives the --profile advice whole when the policy refused every request, and the failure line is cut at a clause, never mid-sentence', () => {
    const advice = "the webhook's policy accepts none of the harness's devices, so nothing of its answers could be judged: give --profile FILE (registration ID template, linked hubs, enrollment group ID, payload members the policy needs) or --cases FILE with devices it accepts; see docs/webhook-profiles.md";
    const message = `run-wide (ga): expected the webhook to accept at least one request, got all 40 of 40 refused (first: HTTP 400 "Unrecognized device registration."); ${advice}`;
    const accepts = result({ checkId: 'webhook.allocation.accepts', caseId: 'all-cases', outcome: 'failed', mismatch: 'refuses-everything', message });
    const hints = consoleHints([accepts, result({})]);
    assert.equal(hints.length, 1);
    assert.match(hints[0] ?? '', /refused every request \(ga\): .*give --profile FILE \(registration ID template, linked hubs, enrollment group ID, payload members the policy needs\) or --cases FILE with devices it accepts; see docs\/webhook-profiles\.md$/);
    const lines = formatConsoleCauses([accepts]);
    assert.ok(lines.includes(`  ✗ MUST webhook.allocation.accepts × 1 · run-wide · ${URL} · http · ga`), 'a run-wide check names no case, as summary.md says');
    const shown = lines.find((l) => l.includes('expected the webhook to accept')) ?? '';
    assert.ok(shown.trimEnd().endsWith('"Unrecognized device registration."); …'), shown);
  });
});
