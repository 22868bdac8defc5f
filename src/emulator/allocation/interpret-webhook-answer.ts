import { minifyJson, rawJsonMember } from '../../dps/raw-json-member.js';
import type { Dialect } from '../../results/check-result.js';
import { AllocationFailure, WebhookFailureDefaults, customAllocationFailedMessage } from '../error-catalogue.js';
import type { AllocationOutcome } from './allocator.js';

export type WebhookFailureKind = keyof typeof WebhookFailureDefaults;

/** Overrides for the UNCONFIRMED failure choices: errorCode and/or message per kind. */
export type WebhookFailureOverrides = Partial<Record<WebhookFailureKind, { errorCode?: number; message?: string }>>;

/** A `failed` outcome of one kind, with the catalogue's default unless overridden. */
export function webhookFailure(kind: WebhookFailureKind, overrides: WebhookFailureOverrides | undefined, detail = ''): AllocationOutcome {
  const defaults: { errorCode: number; message: (detail: string) => string } = WebhookFailureDefaults[kind];
  return { kind: 'failed', errorCode: overrides?.[kind]?.errorCode ?? defaults.errorCode, errorMessage: overrides?.[kind]?.message ?? defaults.message(detail) };
}

/**
 * Maps one webhook answer to an outcome per docs/protocol/webhook.md: 200 + a linked hub = assigned (returned data
 * from `payload` (ga) or `returnData` (preview)); 200 without a hub = 400208; 401 = 400209; any other
 * status below 429 = 400207 "Custom allocation failed with status code: <n>". >= 429 is the caller's
 * retry loop, so it never comes here. Unparseable bodies and unlinked hubs are UNCONFIRMED choices.
 */
export function interpretWebhookAnswer(status: number, bodyText: string, dialect: Dialect, linkedHubs: readonly string[], overrides?: WebhookFailureOverrides): AllocationOutcome {
  if (status === 401) return webhookFailure('unauthorized', overrides);
  if (status !== 200) return { kind: 'failed', errorCode: AllocationFailure.customAllocationFailed, errorMessage: customAllocationFailedMessage(status) };
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return webhookFailure('notJson', overrides);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return webhookFailure('notJson', overrides);
  const answer = body as Record<string, unknown>;
  const hub = answer['iotHubHostName'];
  if (hub === undefined || hub === null || hub === '') return webhookFailure('hubNotSpecified', overrides);
  if (typeof hub !== 'string' || !linkedHubs.some((h) => h.toLowerCase() === hub.toLowerCase())) {
    return webhookFailure('hubNotLinked', overrides, typeof hub === 'string' ? hub : JSON.stringify(hub));
  }
  const outcome: AllocationOutcome = { kind: 'assigned', hub };
  const member = dialect === 'ga' ? 'payload' : 'returnData';
  const returned = answer[member];
  if (returned !== undefined && returned !== null) {
    outcome.returnData = returned;
    // the member as the webhook wrote it (insignificant whitespace removed): delivered without a re-parse
    const raw = rawJsonMember(bodyText, [member]);
    if (raw !== undefined) outcome.returnDataJson = minifyJson(raw);
  }
  if (answer['initialTwin'] !== undefined && answer['initialTwin'] !== null) outcome.initialTwin = answer['initialTwin'];
  return outcome;
}
