import { boundedRequest, DEFAULT_MAX_BODY_BYTES } from '../http/bounded-request.js';
import { packageVersion } from '../meta/package-info.js';
import type { Dialect } from '../results/check-result.js';
import { prepareWebhookRequests, type MixItem } from './load-mix.js';
import { judgeWebhookAnswer } from './judge-webhook-answer.js';
import type { LoadStats } from './load-stats.js';

export interface WebhookLoadOptions {
  /** the webhook URL, function key (`?code=`) included */
  url: URL;
  mix: readonly MixItem[];
  timeoutMs: number;
  /** most requests in flight at once; a slot that finds this many is dropped */
  maxInFlight: number;
  stats: LoadStats;
  signal: AbortSignal;
}

/** Work for the open loop: slot i sends mix item i mod n as DPS would (POST, JSON, its own connection). */
export function webhookLoadJob(options: WebhookLoadOptions): { start(index: number): Promise<void> | undefined; inFlight(): number; dialectOf(index: number): Dialect } {
  const requests = prepareWebhookRequests(options.mix, options.url.toString());
  if (requests.length === 0) throw new Error('webhookLoadJob: the mix is empty');
  let inFlight = 0;
  const pick = (index: number): (typeof requests)[number] => requests[index % requests.length] as (typeof requests)[number];
  return {
    inFlight: () => inFlight,
    dialectOf: (index) => pick(index).dialect,
    start(index) {
      const request = pick(index);
      if (inFlight >= options.maxInFlight) {
        options.stats.slot(request.dialect, false);
        return undefined;
      }
      options.stats.slot(request.dialect, true);
      inFlight += 1;
      return boundedRequest({
        url: options.url,
        body: request.text,
        headers: { 'user-agent': `dps-conformance/${packageVersion} (load)` },
        timeoutMs: options.timeoutMs,
        maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
        signal: options.signal,
      }).then((outcome) => {
        inFlight -= 1;
        const verdict = judgeWebhookAnswer(outcome, request.linkedHubs, options.signal.aborted);
        options.stats.add({ dialect: request.dialect, latencyMs: outcome.timing.totalMs, ...verdict });
      });
    },
  };
}
