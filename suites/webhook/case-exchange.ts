import type { RunnableCase } from './planned-case.js';
import type { WebhookCall } from './webhook-call.js';
import type { WebhookCaller } from './webhook-caller.js';

/**
 * The calls one case makes, started when a check first needs them and shared by every check of the
 * case (the suite never calls the webhook from a hook). Mocha runs checks one after another, so calls
 * go out one at a time, in case order.
 */
export class CaseExchange {
  private firstCall: Promise<WebhookCall> | undefined;
  private secondCall: Promise<WebhookCall> | undefined;

  constructor(
    readonly planned: RunnableCase,
    private readonly caller: WebhookCaller,
  ) {}

  /** The case's request, as DPS sends it. */
  first(): Promise<WebhookCall> {
    this.firstCall ??= this.caller.call(this.planned.request);
    return this.firstCall;
  }

  /** The same request again (for the stability check), after the first. */
  second(): Promise<WebhookCall> {
    this.secondCall ??= this.first().then(() => this.caller.call(this.planned.request));
    return this.secondCall;
  }

  /** The calls made so far (for latency statistics), without starting any. */
  async made(): Promise<WebhookCall[]> {
    const calls = [this.firstCall, this.secondCall].filter((c): c is Promise<WebhookCall> => c !== undefined);
    return Promise.all(calls);
  }
}
