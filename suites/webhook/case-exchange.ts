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
  private repeatCalls: Promise<WebhookCall[]> | undefined;

  constructor(
    readonly planned: RunnableCase,
    private readonly caller: WebhookCaller,
  ) {}

  /** The case's request, as DPS sends it. */
  first(): Promise<WebhookCall> {
    this.firstCall ??= this.caller.call(this.planned.request);
    return this.firstCall;
  }

  /** The same request `count` times more, one after another, after the first (for the stability check). */
  repeats(count: number): Promise<WebhookCall[]> {
    this.repeatCalls ??= this.first().then(async () => {
      const calls: WebhookCall[] = [];
      for (let i = 0; i < count; i += 1) calls.push(await this.caller.call(this.planned.request));
      return calls;
    });
    return this.repeatCalls;
  }

  /** The calls made so far (for latency statistics), without starting any. */
  async made(): Promise<WebhookCall[]> {
    const first = this.firstCall ? [await this.firstCall] : [];
    return [...first, ...(this.repeatCalls ? await this.repeatCalls : [])];
  }
}
