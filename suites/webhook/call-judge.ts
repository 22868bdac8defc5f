import { CheckFailure, CheckNotReached, TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import type { AnsweredOutcome } from '../../src/http/bounded-outcome.js';
import type { SecretRedactor } from '../../src/results/secret-redactor.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/http/bounded-request.js';
import { readJsonBody } from './answer-body.js';
import { describeRefusal, isRefusal } from './refusal.js';
import { callEvidence } from './call-evidence.js';
import { caseLabel, type RunnableCase } from './planned-case.js';
import { noAnswerMessage, type WebhookCall } from './webhook-call.js';

const NO_ANSWER_MISMATCH: Record<string, string> = {
  timeout: 'timeout',
  refused: 'connection-refused',
  reset: 'connection-reset',
  closed: 'connection-closed',
  error: 'transport-error',
  'not-sent': 'not-sent',
};

/**
 * Judges one call of one case: the way every check says how it ended, with the case named in the
 * message and the exchange as evidence. Checks that need something an earlier check judges (an answer,
 * HTTP 200, a JSON body) get it from here: no answer at all is target misbehaviour (`errored`); an
 * answer that never reached what the check judges (a refusal, another status, a cut-off or non-JSON
 * body) leaves the dependent check not reached (`skipped`, `blockedBy` the check that judged it), so
 * one defect, or one refusal, is one result.
 */
export class CallJudge {
  constructor(
    readonly planned: Pick<RunnableCase, 'caseId' | 'dialect' | 'request'>,
    readonly call: WebhookCall,
    private readonly redactor: SecretRedactor,
  ) {}

  get label(): string {
    return caseLabel(this.planned);
  }

  evidence(): unknown {
    return callEvidence(this.call, this.redactor);
  }

  /** Ends the check `failed`: the webhook answered wrongly. */
  fail(mismatch: string, text: string, expected: unknown, actual: unknown): never {
    throw new CheckFailure(`${this.label}: ${text}`, { mismatch, expected, actual, evidence: this.evidence() });
  }

  /** Ends the check `errored`: the webhook gave no answer to judge. */
  misbehaved(): never {
    const kind = this.call.outcome.kind;
    throw new TargetMisbehaviour(`${this.label}: expected an answer, got ${noAnswerMessage(this.call)}`, {
      mismatch: NO_ANSWER_MISMATCH[kind] ?? kind,
      expected: 'an HTTP answer',
      actual: noAnswerMessage(this.call),
      evidence: this.evidence(),
    });
  }

  /** The answer, or `errored` when there was none. */
  answered(): AnsweredOutcome {
    const { outcome } = this.call;
    if (outcome.kind !== 'answered') this.misbehaved();
    return outcome;
  }

  /** The parsed body of a complete HTTP 200 JSON answer; otherwise the check is not reached (pointing at the check that says why). */
  jsonBody(): unknown {
    const answer = this.answered();
    if (answer.truncated) {
      throw new CheckNotReached(`${this.label}: not judged: the answer is larger than ${DEFAULT_MAX_BODY_BYTES} bytes (see webhook.response.size)`, 'webhook.response.size');
    }
    if (isRefusal(answer)) throw new CheckNotReached(`${this.label}: not judged: ${describeRefusal(answer)}`, 'webhook.response.status');
    if (answer.status !== 200) {
      throw new CheckNotReached(`${this.label}: not judged: the answer is HTTP ${answer.status}, not 200 (see webhook.response.status)`, 'webhook.response.status');
    }
    const reading = readJsonBody(answer.bodyBytes);
    if (!reading.ok) {
      const what = reading.mismatch === 'too-deep' ? 'JSON nested deeper than the harness reads' : 'not JSON';
      throw new CheckNotReached(`${this.label}: not judged: the body is ${what} (see webhook.response.json)`, 'webhook.response.json');
    }
    return reading.value;
  }

  /** The refusal (a clean 4xx), or undefined when the answer is something else; `errored` when there was none. */
  refusal(): AnsweredOutcome | undefined {
    const answer = this.answered();
    return isRefusal(answer) ? answer : undefined;
  }

  /**
   * Like responseObject, for a user case's check of the accepted answer's content: a refusal is
   * `webhook.case.refused`'s failure (a case that expects a hub, data or a twin expects acceptance), so
   * here it is not reached, and one refused case is one failed result that says it was refused.
   */
  acceptedObject(): Record<string, unknown> {
    const refused = this.refusal();
    if (refused) throw new CheckNotReached(`${this.label}: not judged: ${describeRefusal(refused)} (see webhook.case.refused)`, 'webhook.case.refused');
    return this.responseObject();
  }

  /** The body as an object; otherwise not reached (webhook.response.schema fails it). */
  responseObject(): Record<string, unknown> {
    const value = this.jsonBody();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new CheckNotReached(`${this.label}: not judged: the body is not a JSON object (see webhook.response.schema)`, 'webhook.response.schema');
    }
    return value as Record<string, unknown>;
  }
}
