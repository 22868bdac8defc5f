import { judgeAllocationAnswer } from '../../dps/judge-allocation-answer.js';
import { JSON_DEPTH_LIMIT } from '../../json/json-depth.js';
import { minifyJson, rawJsonMember } from '../../json/raw-json-member.js';
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
export function interpretWebhookAnswer(
  status: number,
  bodyText: string,
  dialect: Dialect,
  linkedHubs: readonly string[],
  overrides?: WebhookFailureOverrides,
  maxJsonDepth = JSON_DEPTH_LIMIT,
): AllocationOutcome {
  const verdict = judgeAllocationAnswer(status, bodyText, linkedHubs, maxJsonDepth);
  switch (verdict.kind) {
    case 'unauthorized':
      return webhookFailure('unauthorized', overrides);
    case 'refused':
      return { kind: 'failed', errorCode: AllocationFailure.customAllocationFailed, errorMessage: customAllocationFailedMessage(verdict.status) };
    case 'notJson':
    case 'notObject':
      return webhookFailure('notJson', overrides);
    case 'tooDeep':
      return webhookFailure('tooDeep', overrides, `${verdict.depth.toLocaleString('en-US')} levels deep, deeper than ${maxJsonDepth}`);
    case 'hubNotSpecified':
      return webhookFailure('hubNotSpecified', overrides);
    case 'hubNotLinked':
      return webhookFailure('hubNotLinked', overrides, typeof verdict.hub === 'string' ? verdict.hub : JSON.stringify(verdict.hub));
    case 'assigned':
      break;
  }
  const { hub, answer } = verdict;
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
