import type { AllocationRequestMessage } from '../../src/dps/build-allocation-request.js';
import { boundedRequest, DEFAULT_MAX_BODY_BYTES } from '../../src/http/bounded-request.js';
import { withFunctionKey, withoutFunctionKey } from '../../src/http/function-key-url.js';
import { packageVersion } from '../../src/meta/package-info.js';
import type { WebhookCall } from './webhook-call.js';
import type { WebhookTarget } from './webhook-target.js';

/** After this many calls in a row without an answer, the webhook is taken as gone (the rule). */
export const MAX_CONSECUTIVE_NO_ANSWERS = 3;

/**
 * Calls the webhook as DPS would (POST, JSON, function key as `?code=`), one call at a time, and stops
 * calling once it has not answered MAX_CONSECUTIVE_NO_ANSWERS times in a row: the remaining calls
 * resolve at once as `not-sent`, so a dead webhook costs three timeouts, not one per case.
 */
export class WebhookCaller {
  private consecutiveNoAnswers = 0;
  private gaveUp: string | undefined;

  /** `onGiveUp` hears once, with the reason, when the caller stops calling (the run is then incomplete). */
  constructor(
    private readonly target: WebhookTarget,
    private readonly onGiveUp?: (reason: string) => void,
  ) {}

  /** Why the caller stopped calling, once it has. */
  get abandonedReason(): string | undefined {
    return this.gaveUp;
  }

  async call(request: AllocationRequestMessage, options: { withKey?: boolean } = {}): Promise<WebhookCall> {
    const url = options.withKey ?? true ? withFunctionKey(this.target.url, this.target.functionKey) : withoutFunctionKey(this.target.url);
    // what went out, not what was asked: no --function-key and no code= in --url means no key was sent
    const withKey = url.searchParams.has('code');
    const shownUrl = this.target.redactor.redact(url.toString());
    if (this.gaveUp !== undefined) return { url: shownUrl, withKey, request, outcome: { kind: 'not-sent', message: this.gaveUp } };
    const outcome = await boundedRequest({
      url,
      body: request.text,
      headers: { 'user-agent': `dps-conformance/${packageVersion}` },
      timeoutMs: this.target.timeoutMs,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      ...(this.target.ca === undefined ? {} : { ca: this.target.ca }),
      ...(this.target.signal === undefined ? {} : { signal: this.target.signal }),
    });
    if (outcome.kind === 'answered') this.consecutiveNoAnswers = 0;
    else {
      this.consecutiveNoAnswers += 1;
      if (this.consecutiveNoAnswers >= MAX_CONSECUTIVE_NO_ANSWERS) {
        this.gaveUp = `not sent: the webhook gave no answer to ${MAX_CONSECUTIVE_NO_ANSWERS} requests in a row (last: ${outcome.kind}, ${this.target.redactor.redact(outcome.message)}), so the remaining cases were abandoned`;
        this.onGiveUp?.(this.gaveUp);
      }
    }
    return { url: shownUrl, withKey, request, outcome };
  }
}
