import Mocha from 'mocha';
import { addCheck } from '../../src/runner/add-check.js';
import type { CheckMeta } from '../../src/runner/check-meta.js';
import type { Dialect } from '../../src/results/check-result.js';
import { RUN_WIDE_CASE_ID } from '../../src/results/run-wide.js';
import { CheckSkipped, TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import { verifyWebhookContract, type ContractInteractionResult } from '../../src/contracts/verify-webhook-contract.js';
import { CallJudge } from './call-judge.js';
import { CaseExchange } from './case-exchange.js';
import type { CaseCheck, CheckDefinition } from './check-definition.js';
import { RESPONSE_CHECKS } from './checks/response-checks.js';
import { CONTENT_CHECKS } from './checks/content-checks.js';
import { USER_CASE_CHECKS } from './checks/user-case-checks.js';
import { firstHubOrSkip, judgeStableAllocation, STABLE_REPEATS, stableAllocationCheck } from './checks/stability-checks.js';
import { judgeRobustness, robustnessCheck } from './checks/robustness-checks.js';
import { acceptsCheck, acceptsNone, judgeAcceptance } from './checks/acceptance-checks.js';
import { functionKeyCheck, judgeFunctionKey, skipWithoutFunctionKey } from './checks/auth-checks.js';
import { judgeLatency, latencyP95Check } from './checks/latency-checks.js';
import { contractInteractions, judgeInteraction, pactContractCheck } from './checks/contract-checks.js';
import { contractNotExercised } from '../../src/contracts/contract-not-exercised.js';
import { initialTwinProblems, returnedDataMember, returnedDataProblem } from '../../src/dps/answer-member-problems.js';
import { readJsonBody } from './answer-body.js';
import { caseLabel, isRunnable, type PlannedCase } from './planned-case.js';
import type { WebhookCaller } from './webhook-caller.js';
import type { WebhookCall } from './webhook-call.js';
import type { WebhookRunPlan } from './webhook-run-plan.js';

const CASE_CHECKS: readonly CaseCheck[] = [...RESPONSE_CHECKS, ...CONTENT_CHECKS, ...USER_CASE_CHECKS];

/** The caseId of the once-per-dialect (run-wide) results: no case's id, since they judge no single case. */
export const ALL_CASES_ID = RUN_WIDE_CASE_ID;

/**
 * Adds the webhook suite to mocha's root: per dialect, per case, the case checks on one shared call,
 * then the stability check (a second call); then, on the first shard, the function-key, latency and
 * contract checks. Nothing calls the webhook until a check runs.
 */
export function buildWebhookSuite(root: Mocha.Suite, plan: WebhookRunPlan, caller: WebhookCaller): void {
  // a user case may name a dialect the run does not test: it shows as skipped, with no run-wide checks
  const shown = [...new Set([...plan.dialects, ...plan.cases.map((c) => c.dialect)])];
  // whether the webhook accepted some ga case (undefined: ga not tested), for the preview dialect's advice
  let gaAccepted: (() => Promise<boolean>) | undefined;
  for (const dialect of shown) {
    const suite = Mocha.Suite.create(root, `webhook ${dialect}`);
    const cases = plan.cases.filter((c) => c.dialect === dialect);
    const exchanges = cases.filter(isRunnable).map((c) => new CaseExchange(c, caller));
    // the baseline is called even when it falls in another shard: the robustness check compares with it
    const base = plan.baselines.find((b) => b.dialect === dialect);
    const baseline = base && (exchanges.find((e) => e.planned.caseId === base.caseId) ?? new CaseExchange(base, caller));
    for (const planned of cases) {
      const exchange = exchanges.find((e) => e.planned === planned);
      addCaseChecks(Mocha.Suite.create(suite, planned.caseId), plan, planned, exchange, baseline);
    }
    // a suite of their own, created last: mocha runs a suite's own tests before its child suites
    if (dialect === 'ga') gaAccepted = async () => (await Promise.all(exchanges.map((e) => e.first()))).some((c) => c.outcome.kind === 'answered' && c.outcome.status === 200);
    const previewHint = async (): Promise<boolean> => dialect === 'preview' && (gaAccepted === undefined || (await gaAccepted()));
    if (plan.runWideChecks && plan.dialects.includes(dialect)) addDialectChecks(Mocha.Suite.create(suite, 'run-wide'), plan, dialect, exchanges, caller, suite, previewHint);
  }
}

/** Which optional-member checks found a defect in these case answers (the checks' own judges, src/dps/answer-member-problems.ts). */
function memberDefects(calls: readonly WebhookCall[], dialect: Dialect): Set<string> {
  const seen = new Set<string>();
  for (const call of calls) {
    if (call.outcome.kind !== 'answered' || call.outcome.status !== 200 || call.outcome.truncated) continue;
    const reading = readJsonBody(call.outcome.bodyBytes);
    if (!reading.ok || reading.value === null || typeof reading.value !== 'object' || Array.isArray(reading.value)) continue;
    const body = reading.value as Record<string, unknown>;
    if (initialTwinProblems(body['initialTwin']).length > 0) seen.add('webhook.response.initialTwin');
    if (returnedDataProblem(dialect, body[returnedDataMember(dialect).member]) !== undefined) seen.add('webhook.returnData.type');
  }
  return seen;
}

function metaFor(plan: WebhookRunPlan, check: CheckDefinition, dialect: Dialect, caseId: string): CheckMeta {
  return { checkId: check.id, level: check.level, dialect, transport: 'http', caseId, implementation: plan.target.implementation };
}

function addCaseChecks(
  suite: Mocha.Suite,
  plan: WebhookRunPlan,
  planned: PlannedCase,
  exchange: CaseExchange | undefined,
  baseline: CaseExchange | undefined,
): void {
  const meta = (check: CheckDefinition): CheckMeta => metaFor(plan, check, planned.dialect, planned.caseId);
  const { redactor } = plan.target;
  if (!exchange) {
    // one skipped result per skipped case keeps the reason visible without one per check
    const reason = `${planned.caseId} (${planned.dialect}): skipped: ${planned.skipReason ?? 'not applicable'}`;
    addCheck(suite, meta(RESPONSE_CHECKS[0] as CaseCheck), () => {
      throw new CheckSkipped(reason);
    });
    return;
  }
  for (const check of CASE_CHECKS) {
    if (check.appliesTo && !check.appliesTo(exchange.planned)) continue;
    const test = addCheck(suite, meta(check), async () => {
      const call = await exchange.first();
      // the webhook's answer time (JUnit time), not the moment it took to judge it
      if (test.dpsc && call.outcome.kind !== 'not-sent') test.dpsc.exchangeMs = call.outcome.timing.totalMs;
      return check.judge(new CallJudge(exchange.planned, call, redactor), exchange.planned);
    });
  }
  const relation = exchange.planned.baseline;
  if (relation && baseline) {
    addCheck(suite, meta(robustnessCheck), async () => {
      const base = new CallJudge(baseline.planned, await baseline.first(), redactor);
      return judgeRobustness(new CallJudge(exchange.planned, await exchange.first(), redactor), base, relation);
    });
  }
  addCheck(suite, meta(stableAllocationCheck), async () => {
    const firstHub = firstHubOrSkip(new CallJudge(exchange.planned, await exchange.first(), redactor));
    const repeats = await exchange.repeats(STABLE_REPEATS);
    return judgeStableAllocation(firstHub, repeats.map((call) => new CallJudge(exchange.planned, call, redactor)));
  });
}

function addDialectChecks(
  suite: Mocha.Suite,
  plan: WebhookRunPlan,
  dialect: Dialect,
  exchanges: CaseExchange[],
  caller: WebhookCaller,
  dialectSuite: Mocha.Suite,
  previewHint: () => Promise<boolean>,
): void {
  const { target } = plan;
  const keyCase = exchanges[0]?.planned;
  if (keyCase) {
    // a run-wide check: it sends one case's request without the key, but judges the webhook, not the case
    const runWide = { ...keyCase, caseId: ALL_CASES_ID };
    addCheck(suite, metaFor(plan, functionKeyCheck, dialect, ALL_CASES_ID), async () => {
      if (target.functionKey === undefined) skipWithoutFunctionKey(caseLabel(runWide));
      const call = await caller.call(keyCase.request, { withKey: false });
      return judgeFunctionKey(new CallJudge(runWide, call, target.redactor));
    });
  }
  const acceptanceCalls = (): Promise<WebhookCall[]> =>
    Promise.all(exchanges.filter((e) => e.planned.expect?.refused !== true).map((e) => e.first()));
  addCheck(suite, metaFor(plan, acceptsCheck, dialect, ALL_CASES_ID), async () =>
    judgeAcceptance(caseLabel({ caseId: ALL_CASES_ID, dialect }), await acceptanceCalls(), { previewHint: await previewHint() }),
  );
  addCheck(suite, metaFor(plan, latencyP95Check, dialect, ALL_CASES_ID), async () => {
    const calls = (await Promise.all(exchanges.map((e) => e.made()))).flat();
    const times = calls.flatMap((c) => (c.outcome.kind === 'answered' ? [c.outcome.timing.totalMs] : []));
    return judgeLatency(caseLabel({ caseId: ALL_CASES_ID, dialect }), times);
  });
  const memberDefectsSeen = async (): Promise<Set<string>> => memberDefects(await Promise.all(exchanges.map((e) => e.first())), dialect);
  const refusedEveryCase = async (): Promise<boolean> => acceptsNone(await acceptanceCalls());
  addContractChecks(suite, plan, dialect, caller, dialectSuite, { refusedEveryCase, previewHint, memberDefectsSeen });
}

function addContractChecks(
  suite: Mocha.Suite,
  plan: WebhookRunPlan,
  dialect: Dialect,
  caller: WebhookCaller,
  dialectSuite: Mocha.Suite,
  dialectState: { refusedEveryCase: () => Promise<boolean>; previewHint: () => Promise<boolean>; memberDefectsSeen: () => Promise<Set<string>> },
): void {
  const { refusedEveryCase, previewHint, memberDefectsSeen } = dialectState;
  const { target } = plan;
  let verification: Promise<ContractInteractionResult[]> | undefined;
  // stops the verifier when the run gives up on the webhook (it may have been started early, below)
  const abandoned = new AbortController();
  const signal = plan.signal ? AbortSignal.any([plan.signal, abandoned.signal]) : abandoned.signal;
  const verify = (): Promise<ContractInteractionResult[]> => {
    verification ??= verifyWebhookContract(target.url.toString(), dialect, {
      ...(target.functionKey === undefined ? {} : { functionKey: target.functionKey }),
      profile: plan.profile,
      timeoutMs: target.timeoutMs,
      signal,
      ...(target.ca === undefined ? {} : { ca: target.ca }),
    });
    return verification;
  };
  // the Pact verifier runs in a child process: start it with the dialect's cases so its start-up and
  // its requests overlap with theirs instead of adding to the run (its checks await the same result)
  dialectSuite.beforeAll(() => {
    if (caller.abandonedReason === undefined) verify().catch(() => undefined);
  });
  for (const interaction of contractInteractions(dialect)) {
    const caseId = `pact: ${interaction}`;
    const label = `${caseId} (${dialect})`;
    addCheck(suite, metaFor(plan, pactContractCheck, dialect, caseId), async () => {
      if (caller.abandonedReason !== undefined) {
        abandoned.abort();
        throw new TargetMisbehaviour(`${label}: ${caller.abandonedReason}`, { mismatch: 'not-sent' });
      }
      const results = await verify();
      const notExercised = contractNotExercised(results, { previewHint: await previewHint() });
      const context = {
        refusedEveryCase: notExercised !== undefined && (await refusedEveryCase()),
        memberDefectsSeen: await memberDefectsSeen(),
        ...(notExercised ? { notExercised } : {}),
      };
      return judgeInteraction(label, results.find((r) => r.interaction === interaction), context);
    });
  }
}
