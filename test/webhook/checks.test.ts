import assert from 'node:assert/strict';
import { CheckFailure, CheckNotReached, CheckSkipped, TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import type { Dialect } from '../../src/results/check-result.js';
import type { BoundedOutcome } from '../../src/http/bounded-outcome.js';
import { allocate } from '../../implementations/reference-webhook/allocate.js';
import { loadCorpus } from '../../suites/corpus/load-corpus.js';
import { allocationRequestFor } from '../../suites/corpus/corpus-request.js';
import { CallJudge } from '../../suites/webhook/call-judge.js';
import type { RunnableCase } from '../../suites/webhook/planned-case.js';
import type { WebhookCall } from '../../suites/webhook/webhook-call.js';
import type { CaseCheck } from '../../suites/webhook/check-definition.js';
import { contentTypeCheck, jsonCheck, sizeCheck, statusCheck, timeCheck } from '../../suites/webhook/checks/response-checks.js';
import { judgeRobustness } from '../../suites/webhook/checks/robustness-checks.js';
import { judgeAcceptance } from '../../suites/webhook/checks/acceptance-checks.js';
import { caseHubCheck, caseRefusedCheck } from '../../suites/webhook/checks/user-case-checks.js';
import { hubCheck, initialTwinCheck, returnDataTypeCheck, schemaCheck } from '../../suites/webhook/checks/content-checks.js';
import { judgeFunctionKey } from '../../suites/webhook/checks/auth-checks.js';
import { firstHubOrSkip, judgeStableAllocation } from '../../suites/webhook/checks/stability-checks.js';
import { judgeLatency } from '../../suites/webhook/checks/latency-checks.js';
import { percentile } from '../../src/results/percentile.js';
import { contractMismatchKind, judgeInteraction } from '../../suites/webhook/checks/contract-checks.js';
import { contractNotExercised } from '../../src/contracts/contract-not-exercised.js';
import type { ContractInteractionResult } from '../../src/contracts/verify-webhook-contract.js';

const timing = { startedAt: '2024-01-01T00:00:00.000Z', headersMs: 5, totalMs: 7 };
const entry = loadCorpus().find((c) => c.id === 'many-linked-hubs') ?? assert.fail('corpus case many-linked-hubs');

function planned(dialect: Dialect = 'ga'): RunnableCase {
  return { caseId: entry.id, dialect, title: entry.title, request: allocationRequestFor(entry, dialect) };
}

function answered(body: string | Buffer, status = 200, truncated = false, contentType = 'application/json'): BoundedOutcome {
  return { kind: 'answered', status, statusMessage: '', headers: { 'content-type': contentType }, bodyBytes: Buffer.isBuffer(body) ? body : Buffer.from(body), truncated, timing };
}

function judgeOf(outcome: BoundedOutcome, dialect: Dialect = 'ga'): CallJudge {
  const p = planned(dialect);
  const call: WebhookCall = { url: 'http://127.0.0.1/x?code=[REDACTED]', withKey: true, request: p.request, outcome };
  return new CallJudge(p, call, new SecretRedactor());
}

function correct(dialect: Dialect = 'ga'): Record<string, unknown> {
  return JSON.parse(allocate(planned(dialect).request.text).text) as Record<string, unknown>;
}

function outcomeOf(check: CaseCheck, outcome: BoundedOutcome, dialect: Dialect = 'ga', expect?: RunnableCase['expect']): string {
  try {
    check.judge(judgeOf(outcome, dialect), { ...planned(dialect), ...(expect ? { expect } : {}) });
    return 'passed';
  } catch (error) {
    if (error instanceof CheckFailure) return `failed:${error.details.mismatch ?? ''}`;
    if (error instanceof TargetMisbehaviour) return `errored:${error.details.mismatch ?? ''}`;
    if (error instanceof CheckNotReached) return `not-reached:${error.blockedBy}`;
    if (error instanceof CheckSkipped) return 'skipped';
    throw error;
  }
}

const good = (dialect: Dialect = 'ga'): BoundedOutcome => answered(JSON.stringify(correct(dialect)));
const withBody = (patch: Record<string, unknown>, dialect: Dialect = 'ga'): BoundedOutcome => answered(JSON.stringify({ ...correct(dialect), ...patch }));
const timeout: BoundedOutcome = { kind: 'timeout', message: 'no complete answer within 300 ms (not connected)', timing };
const refused: BoundedOutcome = { kind: 'refused', message: 'connection refused', timing };

describe('webhook checks, each both ways', () => {
  it('webhook.response.status', () => {
    assert.equal(outcomeOf(statusCheck, good()), 'passed');
    assert.equal(outcomeOf(statusCheck, answered('boom', 500)), 'failed:server-error');
    assert.equal(outcomeOf(statusCheck, answered('', 302)), 'failed:redirect');
    assert.equal(outcomeOf(statusCheck, answered('', 204)), 'failed:wrong-status');
    assert.equal(outcomeOf(statusCheck, refused), 'errored:connection-refused');
  });

  it('webhook.response.status: a clean 4xx is a refusal, 401 / 429 / 5xx are failures that say what DPS does', () => {
    assert.equal(outcomeOf(statusCheck, answered('Unrecognized device registration.', 400, false, 'text/plain')), 'passed');
    assert.equal(outcomeOf(statusCheck, answered('', 403)), 'passed');
    assert.equal(outcomeOf(statusCheck, answered('', 401)), 'failed:unauthorized');
    assert.equal(outcomeOf(statusCheck, answered('', 429)), 'failed:throttled');
    assert.throws(() => statusCheck.judge(judgeOf(answered('boom', 503)), planned()), (e: unknown) => e instanceof CheckFailure && /retries/.test(e.message));
    for (const check of [jsonCheck, schemaCheck, hubCheck, contentTypeCheck]) {
      assert.throws(
        () => check.judge(judgeOf(answered('Unrecognized device registration.', 400)), planned()),
        (e: unknown) =>
          e instanceof CheckNotReached && e.blockedBy === 'webhook.response.status' && e.message.includes('refused by the webhook: HTTP 400 "Unrecognized device registration."'),
        check.id,
      );
    }
  });

  it('webhook.response.contentType (SHOULD): valid JSON must say so', () => {
    assert.equal(outcomeOf(contentTypeCheck, good()), 'passed');
    assert.equal(outcomeOf(contentTypeCheck, answered(JSON.stringify(correct()), 200, false, 'application/json; charset=utf-8')), 'passed');
    assert.equal(outcomeOf(contentTypeCheck, answered(JSON.stringify(correct()), 200, false, 'text/plain; charset=utf-8')), 'failed:content-type');
    assert.equal(outcomeOf(jsonCheck, answered(JSON.stringify(correct()), 200, false, 'text/plain')), 'passed', 'the label is no MUST');
    assert.equal(outcomeOf(contentTypeCheck, answered('OK', 200, false, 'text/plain')), 'not-reached:webhook.response.json', 'not JSON: webhook.response.json says so');
  });

  it('webhook.case.refused and user-case checks on a refusal', () => {
    const refusal = answered('no', 400, false, 'text/plain');
    assert.equal(outcomeOf(caseRefusedCheck, refusal, 'ga', { refused: true }), 'passed');
    assert.equal(outcomeOf(caseRefusedCheck, good(), 'ga', { refused: true }), 'failed:accepted');
    assert.equal(outcomeOf(caseRefusedCheck, refusal, 'ga', { refused: false }), 'failed:refused');
    assert.equal(outcomeOf(caseRefusedCheck, answered('x', 500), 'ga', { refused: true }), 'not-reached:webhook.response.status');
    // one refused case, one result: an expectation of content implies acceptance, which webhook.case.refused judges
    const hubExpected = { iotHubHostName: 'dpsc-hub-1.azure-devices.net' };
    assert.ok(caseRefusedCheck.appliesTo?.({ ...planned(), expect: hubExpected }), 'an expected hub implies an accepted device');
    assert.equal(outcomeOf(caseRefusedCheck, refusal, 'ga', hubExpected), 'failed:refused');
    assert.equal(outcomeOf(caseHubCheck, refusal, 'ga', hubExpected), 'not-reached:webhook.case.refused');
  });

  it('webhook.robustness.variant: judged only when the baseline is accepted', () => {
    const relation = { caseId: 'group-symkey-initial', differsIn: 'its device data (text)' };
    const refusal = answered('bad characters', 400, false, 'text/plain');
    assert.match(judgeRobustness(judgeOf(good()), judgeOf(good()), relation), /accepted/);
    assert.throws(() => judgeRobustness(judgeOf(refusal), judgeOf(good()), relation), (e: unknown) => e instanceof CheckFailure && e.details.mismatch === 'refused-variant' && e.message.includes('its device data (text)'));
    assert.throws(() => judgeRobustness(judgeOf(refusal), judgeOf(refusal), relation), (e: unknown) => e instanceof CheckSkipped && e.message.includes('--profile'));
    assert.throws(() => judgeRobustness(judgeOf(answered('x', 500)), judgeOf(good()), relation), (e: unknown) => e instanceof CheckSkipped && e.message.includes('webhook.response.status'));
  });

  it('webhook.allocation.accepts: fails only when everything was refused, with advice', () => {
    const call = (outcome: BoundedOutcome): WebhookCall => ({ url: 'http://127.0.0.1/x', withKey: true, request: planned().request, outcome });
    const refusal = call(answered('Unrecognized device registration.', 400, false, 'text/plain'));
    assert.match(judgeAcceptance('ga', [refusal, call(good())]), /1 of 2 requests accepted, 1 refused/);
    assert.throws(() => judgeAcceptance('ga', [refusal, refusal]), (e: unknown) => e instanceof CheckFailure && /--profile/.test(e.message) && /--cases/.test(e.message) && e.message.includes('Unrecognized device registration.'));
    assert.throws(() => judgeAcceptance('ga', [call(answered('x', 500))]), CheckSkipped);
  });

  it('webhook.response.json', () => {
    assert.equal(outcomeOf(jsonCheck, good()), 'passed');
    assert.equal(outcomeOf(jsonCheck, answered('OK')), 'failed:not-json');
    assert.equal(outcomeOf(jsonCheck, answered('')), 'failed:not-json');
    assert.equal(outcomeOf(jsonCheck, answered(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))), 'failed:invalid-utf8');
    assert.equal(outcomeOf(jsonCheck, answered('OK', 500)), 'not-reached:webhook.response.status');
  });

  it('webhook.response.schema', () => {
    assert.equal(outcomeOf(schemaCheck, good()), 'passed');
    assert.equal(outcomeOf(schemaCheck, good('preview'), 'preview'), 'passed');
    assert.equal(outcomeOf(schemaCheck, answered('[1]')), 'failed:schema-mismatch');
    // one defect, one failure: a member with a check of its own is judged there, not here too
    for (const body of [{ payload: 'text' }, { initialTwin: { desired: {} } }, { iotHubHostName: 7 }]) {
      assert.equal(outcomeOf(schemaCheck, withBody(body)), 'passed', JSON.stringify(body));
    }
    assert.equal(outcomeOf(schemaCheck, answered('{}')), 'passed', 'a missing hub is webhook.response.hub\'s');
    assert.equal(outcomeOf(returnDataTypeCheck, withBody({ payload: 'text' })), 'failed:wrong-type');
    assert.equal(outcomeOf(hubCheck, answered('{}')), 'failed:missing-field');
  });

  it('webhook.response.hub', () => {
    assert.equal(outcomeOf(hubCheck, good()), 'passed');
    assert.equal(outcomeOf(hubCheck, withBody({ iotHubHostName: 'other.azure-devices.net' })), 'failed:hub-not-linked');
    assert.equal(outcomeOf(hubCheck, withBody({ iotHubHostName: '' })), 'failed:missing-field');
    assert.equal(outcomeOf(hubCheck, answered('{}')), 'failed:missing-field');
  });

  it('webhook.response.initialTwin', () => {
    assert.equal(outcomeOf(initialTwinCheck, good()), 'passed');
    assert.equal(outcomeOf(initialTwinCheck, withBody({ initialTwin: null })), 'passed');
    assert.equal(outcomeOf(initialTwinCheck, withBody({ initialTwin: { desired: {} } })), 'failed:initial-twin-shape');
    assert.equal(outcomeOf(initialTwinCheck, withBody({ initialTwin: { properties: { reported: {} } } })), 'failed:initial-twin-shape');
    assert.equal(outcomeOf(initialTwinCheck, withBody({ initialTwin: 'x' })), 'failed:initial-twin-shape');
    // the message names what is wrong, and only that
    assert.throws(
      () => initialTwinCheck.judge(judgeOf(withBody({ initialTwin: { tags: {}, desired: { a: 1 } } })), planned()),
      (e: unknown) => e instanceof CheckFailure && /got \/initialTwin\/desired: unexpected member "desired" \(not allowed here\)$/.test(e.message) && !/null/.test(e.message),
    );
  });

  it('webhook.returnData.type', () => {
    assert.equal(outcomeOf(returnDataTypeCheck, good()), 'passed');
    assert.equal(outcomeOf(returnDataTypeCheck, good('preview'), 'preview'), 'passed');
    assert.equal(outcomeOf(returnDataTypeCheck, withBody({ payload: '{}' })), 'failed:wrong-type');
    assert.equal(outcomeOf(returnDataTypeCheck, withBody({ payload: [1] })), 'failed:wrong-type');
    assert.equal(outcomeOf(returnDataTypeCheck, withBody({ returnData: { a: 1 } }, 'preview'), 'preview'), 'failed:wrong-type');
  });

  it('webhook.response.size', () => {
    assert.equal(outcomeOf(sizeCheck, good()), 'passed');
    assert.equal(outcomeOf(sizeCheck, answered('{"a":"', 200, true)), 'failed:too-large');
    assert.equal(outcomeOf(jsonCheck, answered('{"a":"', 200, true)), 'not-reached:webhook.response.size', 'dependent checks do not judge a cut-off answer');
  });

  it('webhook.response.time', () => {
    assert.equal(outcomeOf(timeCheck, good()), 'passed');
    assert.equal(outcomeOf(timeCheck, timeout), 'failed:timeout');
    assert.equal(outcomeOf(statusCheck, timeout), 'errored:timeout', 'other checks call a hang misbehaviour');
  });

  it('webhook.auth.functionKey', () => {
    assert.match(judgeFunctionKey(judgeOf(answered('no', 401))), /refused/);
    assert.match(judgeFunctionKey(judgeOf(answered('no', 403))), /refused/);
    assert.throws(() => judgeFunctionKey(judgeOf(good())), (e: unknown) => e instanceof CheckFailure && e.details.mismatch === 'accepted-without-key');
    assert.throws(() => judgeFunctionKey(judgeOf(answered('', 404))), (e: unknown) => e instanceof CheckFailure && e.details.mismatch === 'wrong-status');
  });

  it('webhook.allocation.stable', () => {
    const hub = firstHubOrSkip(judgeOf(good()));
    assert.match(judgeStableAllocation(hub, [judgeOf(good()), judgeOf(good())]), /all 3 times/);
    assert.throws(() => judgeStableAllocation(hub, [judgeOf(good()), judgeOf(withBody({ iotHubHostName: 'x.azure-devices.net' }))]), (e: unknown) => e instanceof CheckFailure && e.details.mismatch === 'unstable-allocation');
    assert.throws(() => firstHubOrSkip(judgeOf(answered('', 500))), CheckSkipped);
    const oneHub = loadCorpus().find((c) => c.id === 'one-linked-hub') ?? assert.fail('one-linked-hub');
    const single: RunnableCase = { caseId: oneHub.id, dialect: 'ga', title: oneHub.title, request: allocationRequestFor(oneHub, 'ga') };
    const singleCall: WebhookCall = { url: 'http://127.0.0.1/x', withKey: true, request: single.request, outcome: good() };
    assert.throws(() => firstHubOrSkip(new CallJudge(single, singleCall, new SecretRedactor())), (e: unknown) => e instanceof CheckSkipped && /one hub/.test(e.message));
    assert.throws(() => judgeStableAllocation(hub, [judgeOf(refused)]), TargetMisbehaviour);
  });

  it('webhook.latency.p95', () => {
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 95), 19);
    assert.match(judgeLatency('all', [10, 20, 900]), /p95 900 ms/);
    assert.throws(() => judgeLatency('all', [...Array<number>(19).fill(10), 1500, 1600]), (e: unknown) => e instanceof CheckFailure && e.details.mismatch === 'slow');
    assert.throws(() => judgeLatency('all', []), CheckSkipped);
  });

  it('webhook.contract.pact', () => {
    const base = { interaction: 'i', mismatches: [], evidence: { request: {} } };
    const exercised = { refusedEveryCase: false };
    assert.match(judgeInteraction('i', { ...base, passed: true, outcome: 'passed', message: 'ok' }, exercised), /ok/);
    assert.throws(() => judgeInteraction('i', { ...base, passed: false, outcome: 'failed', message: 'status: expected 200' }, exercised), CheckFailure);
    assert.throws(() => judgeInteraction('i', { ...base, passed: false, outcome: 'errored', message: 'no answer' }, exercised), TargetMisbehaviour);
    assert.throws(() => judgeInteraction('i', undefined, exercised), TargetMisbehaviour);
  });

  it('webhook.contract.pact names its mismatch as the case checks do, and does not count a member defect twice', () => {
    const failed = (patch: Partial<ContractInteractionResult>): ContractInteractionResult => ({
      interaction: 'i',
      passed: false,
      outcome: 'failed',
      message: 'contract mismatch',
      mismatches: ['x'],
      evidence: { request: {}, response: { status: 200, headers: {}, body: '{"iotHubHostName":"h"}' } },
      ...patch,
    });
    assert.equal(contractMismatchKind(failed({ firstPactMismatch: 'StatusMismatch', evidence: { request: {}, response: { status: 503, headers: {}, body: '' } } })), 'server-error');
    assert.equal(contractMismatchKind(failed({ firstPactMismatch: 'BodyMismatch' })), 'hub-not-linked');
    assert.equal(contractMismatchKind(failed({ firstPactMismatch: 'BodyMismatch', evidence: { request: {}, response: { status: 200, headers: {}, body: '{}' } } })), 'missing-field');
    const twin = { checkId: 'webhook.response.initialTwin', problem: '/initialTwin/desired: unexpected member "desired" (not allowed here)' };
    const twinOnly = failed({ mismatches: [twin.problem], memberProblems: [twin] });
    assert.equal(contractMismatchKind(twinOnly), 'initial-twin-shape');
    assert.throws(
      () => judgeInteraction('i', twinOnly, { refusedEveryCase: false, memberDefectsSeen: new Set(['webhook.response.initialTwin']) }),
      (e: unknown) => e instanceof CheckSkipped && /not judged here: its answer has the defect webhook\.response\.initialTwin reports/.test(e.message),
    );
    assert.throws(
      () => judgeInteraction('i', twinOnly, { refusedEveryCase: false, memberDefectsSeen: new Set() }),
      (e: unknown) => e instanceof CheckFailure && e.details.mismatch === 'initial-twin-shape',
      'a defect no case showed is the contract check\'s own',
    );
  });

  it('webhook.contract.pact reads refusals as contracts verify does: skipped, unless every interaction was refused', () => {
    const refusedResult = (n: number): ContractInteractionResult => ({
      interaction: `i${n}`,
      passed: false,
      outcome: 'refused',
      message: 'not judged: refused by the webhook: HTTP 400 "Unrecognized device registration."',
      mismatches: [],
      refused: { status: 400, body: 'Unrecognized device registration.' },
      evidence: { request: {}, response: { status: 400, headers: {}, body: 'Unrecognized device registration.' } },
    });
    const accepted: ContractInteractionResult = { interaction: 'ok', passed: true, outcome: 'passed', message: 'ok', mismatches: [], evidence: { request: {}, response: { status: 200, headers: {}, body: '{}' } } };
    const some = contractNotExercised([refusedResult(1), accepted]);
    assert.equal(some, undefined, 'one accepted interaction: the contract was exercised');
    assert.throws(() => judgeInteraction('i1', refusedResult(1), { refusedEveryCase: false }), (e: unknown) => e instanceof CheckSkipped && !(e instanceof CheckNotReached) && /refused by the webhook: HTTP 400/.test(e.message));
    const none = contractNotExercised([refusedResult(1), refusedResult(2)]);
    assert.ok(none);
    assert.match(none.message, /got 2 of 2 refused \(first: HTTP 400 "Unrecognized device registration."\); .*give --profile FILE/);
    assert.throws(
      () => judgeInteraction('i1', refusedResult(1), { notExercised: none, refusedEveryCase: false }),
      (e: unknown) => e instanceof CheckFailure && e.details.mismatch === 'refuses-everything' && /give --profile FILE/.test(e.message),
    );
    assert.throws(
      () => judgeInteraction('i1', refusedResult(1), { notExercised: none, refusedEveryCase: true }),
      (e: unknown) => e instanceof CheckNotReached && e.blockedBy === 'webhook.allocation.accepts',
    );
  });

  it('names the case in one line and carries the exchange as evidence', () => {
    try {
      statusCheck.judge(judgeOf(answered('boom', 500)), planned());
      assert.fail('expected a failure');
    } catch (error) {
      assert.ok(error instanceof CheckFailure);
      assert.ok(error.message.startsWith('many-linked-hubs (ga): expected HTTP 200 or a 4xx refusal, got HTTP 500 with body "boom": DPS retries'), error.message);
      const evidence = error.details.evidence as { request: { url: string; body: string }; answer: { status: number; body: string } };
      assert.equal(evidence.answer.status, 500);
      assert.match(evidence.request.body, /"registrationId":"dpsc-many-linked-hubs"/);
    }
  });
});
