import assert from 'node:assert/strict';
import type { BoundedOutcome } from '../../src/http/bounded-outcome.js';
import { judgeWebhookAnswer } from '../../src/load/judge-webhook-answer.js';
import { loadResults } from '../../src/load/load-results.js';
import { LoadStats } from '../../src/load/load-stats.js';
import type { CheckResult } from '../../src/results/check-result.js';

const linked = ['hub-a.azure-devices.net'];

function answered(status: number, body: string, truncated = false): BoundedOutcome {
  return {
    kind: 'answered',
    status,
    statusMessage: '',
    headers: {},
    bodyBytes: Buffer.from(body),
    truncated,
    timing: { startedAt: '', totalMs: 3 },
  };
}

/** The `load.errors` result of a run whose samples ended as given (webhook mode, ga). */
function errorsOf(answers: readonly BoundedOutcome[]): CheckResult {
  const stats = new LoadStats();
  for (const outcome of answers) {
    stats.slot('ga', true);
    stats.add({ dialect: 'ga', latencyMs: outcome.timing.totalMs, ...judgeWebhookAnswer(outcome, linked, false) });
  }
  const results = loadResults({
    implementation: { name: 'http://127.0.0.1/api/allocate' },
    transport: 'http',
    ratePerSecond: answers.length,
    durationS: 1,
    timeoutMs: 1000,
    schedule: {
      scheduled: answers.length,
      started: answers.length,
      dropped: 0,
      windowMs: 1000,
      elapsedMs: 1000,
      late: 0,
      maxLagMs: 0,
      abandoned: 0,
      stoppedEarly: false,
    },
    figures: stats.figures(),
  });
  const result = results.find((r) => r.checkId === 'load.errors');
  assert.ok(result);
  return result;
}

const ok = answered(200, '{"iotHubHostName":"hub-a.azure-devices.net"}');

describe('load: refusals are the policy, not errors', () => {
  it("reads a clean 4xx but 401 and 429 as a refusal, with the webhook suite's description", () => {
    for (const status of [400, 403, 404, 409, 422]) {
      assert.deepEqual(judgeWebhookAnswer(answered(status, 'Unrecognized device registration.'), linked, false), {
        outcome: 'refused',
        detail: `HTTP ${status}`,
        refusal: `refused by the webhook: HTTP ${status} "Unrecognized device registration."`,
      });
    }
  });

  it('keeps 401, 429, 5xx and a 4xx cut off at the size limit as errors', () => {
    for (const status of [401, 429, 500, 503])
      assert.deepEqual(judgeWebhookAnswer(answered(status, 'no'), linked, false), {
        outcome: 'error',
        detail: `HTTP ${status}`,
      });
    assert.deepEqual(judgeWebhookAnswer(answered(400, 'x'.repeat(10), true), linked, false), {
      outcome: 'error',
      detail: 'HTTP 400 (answer too large)',
    });
  });

  it('passes load.errors with refusals beside accepted devices, counts them apart and times them as answers', () => {
    const result = errorsOf([ok, answered(400, 'Unrecognized device registration.'), ok, answered(403, 'closed')]);
    assert.equal(result.outcome, 'passed', result.message);
    assert.match(
      result.message,
      /no errors or timeouts in 4 requests; 2 refused by the webhook's policy \((1x HTTP 400, 1x HTTP 403|1x HTTP 403, 1x HTTP 400)\), not errors/,
    );
    const evidence = result.evidence as {
      outcomes: { ok: number; refused: number; errors: number; refusalKinds: unknown[] };
      latencyMs: { max: number } | null;
    };
    assert.equal(evidence.outcomes.ok, 2);
    assert.equal(evidence.outcomes.refused, 2);
    assert.equal(evidence.outcomes.errors, 0);
    assert.equal(evidence.outcomes.refusalKinds.length, 2);
    assert.equal(evidence.latencyMs?.max, 3);
  });

  it('fails load.errors when every answer was a refusal, naming --profile and docs/webhook-profiles.md', () => {
    const result = errorsOf([
      answered(400, 'Unrecognized device registration.'),
      answered(400, 'Unrecognized device registration.'),
    ]);
    assert.equal(result.outcome, 'failed');
    assert.equal(result.mismatch, 'refuses-everything');
    assert.match(
      result.message,
      /expected the webhook to accept at least one request, got all 2 of 2 refused \(2x HTTP 400; first: HTTP 400 "Unrecognized device registration\."\): not a load result/,
    );
    assert.match(result.message, /--profile FILE/);
    assert.match(result.message, /docs\/webhook-profiles\.md/);
  });

  it('still fails load.errors on a 429 or a 500 among refusals, and says so apart from them', () => {
    const result = errorsOf([ok, answered(429, 'slow down'), answered(400, 'no'), answered(500, 'boom')]);
    assert.equal(result.outcome, 'failed');
    assert.match(
      result.message,
      /got 2 errors and 0 timeouts in 4 requests \((1x HTTP 429, 1x HTTP 500|1x HTTP 500, 1x HTTP 429)\); 1 refused/,
    );
  });
});
