import { buildAllocationRequest, type AllocationRequestMessage } from '../../dps/build-allocation-request.js';
import type { BoundedOutcome } from '../../http/bounded-outcome.js';
import { boundedRequest } from '../../http/bounded-request.js';
import { ConnectionPool } from '../../http/connection-pool.js';
import { MAX_MESSAGE_BYTES } from '../dps-limits.js';
import { COPY_DEPTH_LIMIT, isTooDeep } from '../../json/json-depth.js';
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
  /**
   * reuse connections to the webhook (default true), as an HTTP client with a connection pool does;
   * false opens a fresh connection for every call. See docs/performance.md.
   */
  keepAlive?: boolean;
}

/** Most connections kept open to one webhook: enough for a load run's concurrency, bounded. */
const WEBHOOK_SOCKETS = 64;

/**
 * Custom allocation: POSTs the dialect's AllocationRequest to the webhook and maps the answer as DPS
 * does (docs/protocol/webhook.md). While it retries a >= 429 webhook, the device keeps seeing `assigning` because the
 * outcome is not settled yet. Every call is traced into the registration's transcript.
 */
export function webhookAllocator(options: WebhookAllocatorOptions): Allocator {
  const schedule = options.retrySchedule ?? DPS_WEBHOOK_RETRY_SCHEDULE;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // parsed once: every call goes to the same URL
  const target = new URL(options.url);
  const pool =
    options.keepAlive === false ? undefined : new ConnectionPool(target, { connections: WEBHOOK_SOCKETS, ...(options.ca ? { ca: options.ca } : {}) });
  let tied = false;
  return async (context: AllocationContext): Promise<AllocationOutcome> => {
    if (pool && !tied) {
      // the pool lives as long as the emulator whose signal the first call carries
      tied = true;
      context.signal.addEventListener('abort', () => pool.destroy(), { once: true });
    }
    const message = buildAllocationRequest(
      {
        registrationId: context.registrationId,
        enrollment: context.enrollment.kind,
        attestation: context.clientCertificate !== undefined ? 'x509' : 'symmetricKey',
        ...(context.clientCertificate !== undefined ? { clientCertificate: context.clientCertificate } : {}),
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
      const outcome = await boundedRequest({
        url: target,
        method: 'POST',
        body: message.text,
        timeoutMs,
        maxBodyBytes: MAX_MESSAGE_BYTES,
        signal: context.signal,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(pool ? { pool } : {}),
      });
      const text = outcome.kind === 'answered' ? outcome.bodyBytes.toString('utf8') : undefined;
      context.trace({
        what: 'webhook-call',
        request: tracedRequest(options.url, attempt + 1, message),
        response: tracedOutcome(outcome, text),
        requestText: message.text,
        ...(text !== undefined ? { responseText: text } : {}),
        durationMs: outcome.timing.totalMs,
      });
      if (outcome.kind === 'timeout') return webhookFailure('timeout', options.failureCodes, String(timeoutMs));
      if (outcome.kind !== 'answered') return webhookFailure('unreachable', options.failureCodes, outcome.message);
      if (outcome.status < 429) return interpretWebhookAnswer(outcome.status, outcome.truncated ? '' : (text ?? ''), context.dialect, context.linkedHubs, options.failureCodes, context.maxJsonDepth);
      if (attempt >= schedule.retries || context.signal.aborted) return webhookFailure('retriesExhausted', options.failureCodes, String(outcome.status));
      await sleep(retryDelayMs(schedule, attempt), context.signal);
    }
  };
}

/*
 * The traced request and answer carry their parses as getters: the transcript is read rarely (reports,
 * `emulate` on exit) and reading it makes plain copies, so each call's two JSON.parse are made only
 * then, on the exact texts kept beside them (docs/performance.md).
 */

function tracedRequest(url: string, attempt: number, message: AllocationRequestMessage): { url: string; attempt: number; body: unknown } {
  return {
    url,
    attempt,
    get body(): unknown {
      return message.body;
    },
  };
}

function tracedOutcome(outcome: BoundedOutcome, text: string | undefined): object {
  const traced = outcome.kind === 'answered' ? tracedAnswer(outcome.status, text ?? '', outcome.truncated) : { failure: outcome.kind, message: outcome.message };
  // a reused connection the webhook closed as the request went out, sent again on a fresh one (assign: no getter runs)
  if (outcome.freshConnectionRetry) Object.assign(traced, { retriedOnFreshConnection: outcome.freshConnectionRetry.message });
  return traced;
}

function tracedAnswer(status: number, text: string, truncated: boolean): { status: number; body: unknown; truncated: boolean } {
  let body: { value: unknown } | undefined;
  return {
    status,
    get body(): unknown {
      body ??= { value: parseOrText(text) };
      return body.value;
    },
    truncated,
  };
}

function parseOrText(text: string): unknown {
  // a document too deep to walk stays text (and is cut where the transcript is read)
  if (isTooDeep(text, COPY_DEPTH_LIMIT)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
