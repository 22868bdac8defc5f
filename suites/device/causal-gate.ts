import { CheckNotReached } from '../../src/results/check-outcome-errors.js';
import { isRefusalStatus } from '../../src/dps/webhook-refusal-status.js';
import { DEVICE_CHECKS, type DeviceCheckDef } from './device-checks.js';
import type { OperationEntry } from './evidence/evidence-entry.js';
import type { RegistrationEvidence } from './evidence/registration-evidence.js';
import { describeRefusal, ownedRefusals, type OwnedRefusal } from './refusal-owner.js';

/**
 * The step of a registration a check judges (docs/contract/reports.md "Not reached"): what was sent
 * (`sent`), a register DPS read the body of (`read`), a register DPS took (`accepted`), the terminal
 * answer (`terminal`), the result handed to the application (`result`), and in an end-to-end run the
 * webhook's allocation (`allocated`).
 */
type Step = 'sent' | 'read' | 'accepted' | 'terminal' | 'result' | 'allocated';

const STEP_OF: Readonly<Record<string, Step>> = {
  [DEVICE_CHECKS.requestPath.id]: 'sent',
  [DEVICE_CHECKS.requestRegistrationId.id]: 'sent',
  [DEVICE_CHECKS.requestSas.id]: 'sent',
  [DEVICE_CHECKS.mqttProtocol.id]: 'sent',
  [DEVICE_CHECKS.amqpProtocol.id]: 'sent',
  [DEVICE_CHECKS.requestBody.id]: 'read',
  [DEVICE_CHECKS.dataSent.id]: 'accepted',
  [DEVICE_CHECKS.dataObject.id]: 'accepted',
  [DEVICE_CHECKS.dataBigIntegers.id]: 'accepted',
  [DEVICE_CHECKS.pollingTerminal.id]: 'accepted',
  [DEVICE_CHECKS.pollingRetryAfter.id]: 'accepted',
  [DEVICE_CHECKS.pollingThrottle.id]: 'sent',
  [DEVICE_CHECKS.errorAllocationFailed.id]: 'accepted',
  [DEVICE_CHECKS.timeoutGivesUp.id]: 'accepted',
  [DEVICE_CHECKS.e2eDataReachedWebhook.id]: 'accepted',
  [DEVICE_CHECKS.resultStatus.id]: 'terminal',
  [DEVICE_CHECKS.resultAssignment.id]: 'result',
  [DEVICE_CHECKS.returnDataFidelity.id]: 'result',
  [DEVICE_CHECKS.returnDataFragmented.id]: 'result',
  [DEVICE_CHECKS.returnDataBigIntegers.id]: 'result',
  [DEVICE_CHECKS.e2eReturnDataReachedDevice.id]: 'allocated',
};

/** The checks that own DPS's refusals of a device's requests (refusal-owner.ts); every corpus case runs them. */
const REQUEST_OWNERS: readonly DeviceCheckDef[] = [
  DEVICE_CHECKS.requestPath,
  DEVICE_CHECKS.requestRegistrationId,
  DEVICE_CHECKS.requestSas,
  DEVICE_CHECKS.requestBody,
  DEVICE_CHECKS.mqttProtocol,
  DEVICE_CHECKS.amqpProtocol,
];

/** What the gate needs to know about the case beyond its evidence. */
export interface GateContext {
  /**
   * the checks the case runs (with a fragmented registration, those of the case's main registration too,
   * which meets the same defect first): a check blocks another only when it is there to carry the failure
   */
  caseChecks: readonly DeviceCheckDef[];
  /** the case gives a wrong key on purpose: refused credentials are its point, not a defect */
  expectedAuthFailure?: boolean;
  /** a user's webhook allocates (`device --webhook`): its refusals stop the result checks, owned by the run-wide check */
  webhookJudged?: boolean;
  /**
   * the run judges corpus cases of this transport and dialect, whose request checks own DPS's refusals:
   * a dedicated case (one check) refused the same way is then not reached, naming that owner, rather
   * than failing a second time for the same defect
   */
  ownersJudgedElsewhere?: boolean;
}

/**
 * How a check whose step was not reached ends: `not-reached` names the check whose result stopped it
 * (of the same case; for a dedicated case, which runs one check, the request check that owns the
 * refusal in the run's corpus cases); `refused` is for a dedicated case in a run without corpus cases
 * of its transport and dialect: the check then fails, naming the refusal, so the defect still shows.
 */
export type GateVerdict = { kind: 'not-reached'; error: CheckNotReached } | { kind: 'refused'; message: string };

/**
 * Whether a check's step was reached in this registration; undefined: judge the check. The first refusal
 * of the device's requests by DPS ends the registration: its owner fails, and the checks of later steps
 * are not reached. Checks of what was sent are still judged, except when nothing got past the connection.
 */
export function gateCheck(check: DeviceCheckDef, e: RegistrationEvidence, context: GateContext): GateVerdict | undefined {
  const error = notReached(check, e, context);
  if (!error) return undefined;
  const blocker = Object.values(DEVICE_CHECKS).find((def) => def.id === error.blockedBy);
  const runWide = context.webhookJudged === true && blocker === DEVICE_CHECKS.e2eAllocationAccepts;
  const elsewhere = context.ownersJudgedElsewhere === true && blocker !== undefined && REQUEST_OWNERS.includes(blocker);
  const present = blocker !== undefined && (context.caseChecks.includes(blocker) || runWide || elsewhere);
  if (present) return { kind: 'not-reached', error };
  return { kind: 'refused', message: `expected to judge ${check.id}, ${error.message.replace(/^not reached: /, '').replace(/; judged by .*$/, '')}` };
}

function notReached(check: DeviceCheckDef, e: RegistrationEvidence, context: GateContext): CheckNotReached | undefined {
  const step = STEP_OF[check.id];
  if (step === undefined) return undefined;
  // a fault or a skip of the adapter is judged by the check itself (errored, skipped)
  if (e.adapter.kind !== 'result' && e.adapter.kind !== 'error' && e.adapter.kind !== 'unobserved') return undefined;
  const refusals = ownedRefusals(e, context.expectedAuthFailure ? { expectedAuthFailure: true } : {});
  const first = refusals.find((refusal) => refusal.owner !== check);
  const blocked = (refusal: OwnedRefusal, what: string): CheckNotReached =>
    new CheckNotReached(`not reached: ${describeRefusal(refusal)}, so ${what}; judged by ${refusal.owner.id}`, refusal.owner.id);
  const has = (def: DeviceCheckDef): boolean => def !== check && context.caseChecks.includes(def);
  const missingRequest = (): CheckNotReached | undefined =>
    has(DEVICE_CHECKS.requestPath) ? new CheckNotReached('not reached: the device made no register request; judged by device.request.path', DEVICE_CHECKS.requestPath.id) : undefined;

  if (step === 'sent') {
    if (e.operations.length > 0 || !first) return undefined;
    return blocked(first, 'nothing of the registration got past it to judge');
  }
  if (step === 'read') {
    // DPS reads the body once the request itself is taken (scope, ID, credentials first)
    const bodyRefused = (entry: OperationEntry): boolean => refusals.some((r) => r.entry === entry && r.owner === DEVICE_CHECKS.requestBody);
    const read = e.registers.some((entry) => (entry.answer.status !== undefined && entry.answer.status < 300) || bodyRefused(entry));
    if (read) return undefined;
    if (first) return blocked(first, 'DPS never read a register body');
    return e.registers.length === 0 ? missingRequest() : undefined;
  }
  const accepted = e.registers.some((entry) => entry.answer.status !== undefined && entry.answer.status >= 200 && entry.answer.status < 300);
  if (!accepted) {
    if (first) return blocked(first, 'DPS never took a register request');
    return e.registers.length === 0 ? missingRequest() : undefined;
  }
  if (step === 'accepted') return undefined;
  if (!e.terminal) {
    if (first) return blocked(first, 'the registration never got a terminal answer');
    if (has(DEVICE_CHECKS.pollingTerminal)) {
      return new CheckNotReached('not reached: the device stopped before DPS answered a terminal status; judged by device.polling.terminal', DEVICE_CHECKS.pollingTerminal.id);
    }
    return undefined;
  }
  const refusedByWebhook = context.webhookJudged ? webhookRefusal(e) : undefined;
  if (refusedByWebhook !== undefined) {
    return new CheckNotReached(
      `not reached: the webhook refused this registration (${refusedByWebhook}), so DPS answered ${e.terminal.status} and there was no allocation to judge; see ${DEVICE_CHECKS.e2eAllocationAccepts.id}`,
      DEVICE_CHECKS.e2eAllocationAccepts.id,
    );
  }
  if (step === 'terminal') return undefined;
  if (e.adapter.kind === 'error' && has(DEVICE_CHECKS.resultStatus)) {
    return new CheckNotReached('not reached: the implementation handed the application an error, not the result DPS sent; judged by device.result.status', DEVICE_CHECKS.resultStatus.id);
  }
  return undefined;
}

/** How the webhook refused the registration's last allocation call (`HTTP 400 "..."`), or undefined when it did not. */
function webhookRefusal(e: RegistrationEvidence): string | undefined {
  const call = e.webhookCalls[e.webhookCalls.length - 1];
  if (!call) return undefined;
  if (call.outcome.kind === 'not-answered') return `not answered: ${call.outcome.failure}`;
  if (call.outcome.status === 200) return undefined;
  if (!isRefusalStatus(call.outcome.status) && call.outcome.status !== 401 && call.outcome.status < 429) return undefined;
  return `HTTP ${call.outcome.status}`;
}
