import { buildAllocationRequest } from '../../dps/build-allocation-request.js';
import { boundedRequest } from '../../http/bounded-request.js';
import { MAX_MESSAGE_BYTES } from '../dps-limits.js';
import { sleep } from '../support/sleep.js';
import type { AllocationContext, AllocationOutcome, Allocator } from './allocator.js';
import { interpretWebhookAnswer, webhookFailure, type WebhookFailureOverrides } from './interpret-webhook-answer.js';
import { DPS_WEBHOOK_RETRY_SCHEDULE, retryDelayMs, type RetrySchedule } from './retry-schedule.js';

export interface WebhookAllocatorOptions {
  /** the webhook URL, function key (`?code=`) included; the emulator's redactor must know the key */
  url: string;
  /** whole-call timeout; DPS's value is undocumented (docs/protocol/webhook.md), 30 s is our non-normative default */
  timeoutMs?: number;
  /** >= 429 retries; default DPS's 10 x (1 s + 9 s increments). Make it tiny in tests. */
  retrySchedule?: RetrySchedule;
  /** extra CA certificates for an https webhook */
  ca?: string;
  /** override the UNCONFIRMED failure codes/messages (timeout, unreachable, notJson, hubNotLinked, ...) */
  failureCodes?: WebhookFailureOverrides;
}

/**
 * Custom allocation: POSTs the dialect's AllocationRequest to the webhook and maps the answer as DPS
 * does (docs/protocol/webhook.md). While it retries a >= 429 webhook, the device keeps seeing `assigning` because the
 * outcome is not settled yet. Every call is traced into the registration's transcript.
 */
export function webhookAllocator(options: WebhookAllocatorOptions): Allocator {
  const schedule = options.retrySchedule ?? DPS_WEBHOOK_RETRY_SCHEDULE;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (context: AllocationContext): Promise<AllocationOutcome> => {
    const message = buildAllocationRequest(
      {
        registrationId: context.registrationId,
        enrollment: context.enrollment.kind,
        attestation: 'symmetricKey',
        linkedHubs: context.linkedHubs,
        webhookUrl: options.url,
        ...(context.enrollment.kind === 'group' ? { enrollmentGroupId: context.enrollment.id } : {}),
        ...(context.enrollment.deviceId !== undefined ? { deviceId: context.enrollment.deviceId } : {}),
        ...(context.dataJson !== undefined ? { deviceDataJson: context.dataJson } : context.hasData ? { deviceDataJson: JSON.stringify(context.data) } : {}),
        ...(context.current ? { reprovision: { currentIotHubHostName: context.current.hub, currentDeviceId: context.current.deviceId } } : {}),
      },
      context.dialect,
    );
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await boundedRequest({ url: options.url, method: 'POST', body: message.text, timeoutMs, maxBodyBytes: MAX_MESSAGE_BYTES, signal: context.signal, ...(options.ca ? { ca: options.ca } : {}) });
      const text = outcome.kind === 'answered' ? outcome.bodyBytes.toString('utf8') : undefined;
      context.trace({
        what: 'webhook-call',
        request: { url: options.url, attempt: attempt + 1, body: message.body },
        response: outcome.kind === 'answered' ? { status: outcome.status, body: parseOrText(text ?? ''), truncated: outcome.truncated } : { failure: outcome.kind, message: outcome.message },
        requestText: message.text,
        ...(text !== undefined ? { responseText: text } : {}),
        durationMs: outcome.timing.totalMs,
      });
      if (outcome.kind === 'timeout') return webhookFailure('timeout', options.failureCodes, String(timeoutMs));
      if (outcome.kind !== 'answered') return webhookFailure('unreachable', options.failureCodes, outcome.message);
      if (outcome.status < 429) return interpretWebhookAnswer(outcome.status, outcome.truncated ? '' : (text ?? ''), context.dialect, context.linkedHubs, options.failureCodes);
      if (attempt >= schedule.retries || context.signal.aborted) return webhookFailure('retriesExhausted', options.failureCodes, String(outcome.status));
      await sleep(retryDelayMs(schedule, attempt), context.signal);
    }
  };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
