import type { Dialect } from '../results/check-result.js';
import { maskedWebhookUrl } from '../http/function-key-url.js';
import { runtimeAttestationContext, type AttestationKind } from './attestation-context.js';
import { enrollmentRecord, type EnrollmentRecordInput } from './enrollment-record.js';
import { minifyJson } from '../json/raw-json-member.js';

/** Everything DPS knows when it calls the webhook for one registration. */
export interface AllocationRequestSpec {
  registrationId: string;
  enrollment: 'individual' | 'group';
  attestation: AttestationKind;
  /** the device's X.509 certificate (base64 DER) for `deviceRuntimeContext.x509`; default a fixed test certificate */
  clientCertificate?: string;
  /** the hubs the device may be assigned to (at least one) */
  linkedHubs: readonly string[];
  /**
   * The device data as raw JSON text, forwarded verbatim (only insignificant whitespace removed), so
   * integers beyond 2^53 keep their digits. Undefined = the device sent no data (the member is left out).
   */
  deviceDataJson?: string;
  /** present when the device was assigned before: DPS adds `currentIotHubHostName` / `currentDeviceId` */
  reprovision?: { currentIotHubHostName: string; currentDeviceId: string };
  /** group ID (group enrollments); default `dpsc-group` */
  enrollmentGroupId?: string;
  /** device ID of an individual enrollment; default none (DPS then uses the registration ID) */
  deviceId?: string;
  /** the webhook URL as configured; DPS shows it with the query masked (`?****`) */
  webhookUrl?: string;
  /** members DPS may add in future versions, merged in to prove a webhook ignores what it does not know */
  extras?: {
    topLevel?: Record<string, unknown>;
    deviceRuntimeContext?: Record<string, unknown>;
    enrollment?: Record<string, unknown>;
  };
}

/** The request as sent: `text` is the exact body; `body` is its parse (numbers beyond 2^53 are approximate there). */
export interface AllocationRequestMessage {
  dialect: Dialect;
  text: string;
  body: Record<string, unknown>;
  /** UTF-8 length of `text`; DPS caps a message at 98 304 bytes */
  byteLength: number;
}

/** The device data member of `deviceRuntimeContext` per dialect (docs/contract/dialects.md). */
export function deviceDataMember(dialect: Dialect): 'payload' | 'data' {
  return dialect === 'ga' ? 'payload' : 'data';
}

// A placeholder that JSON.stringify writes as a unique string, swapped for the raw device data afterwards.
const DATA_PLACEHOLDER = '\u0000dpsc-device-data\u0000';

/**
 * Builds the AllocationRequest DPS POSTs to a custom allocation webhook (docs/protocol/webhook.md) for one dialect:
 * the enrollment record (`individualEnrollment` or `enrollmentGroup`), `deviceRuntimeContext`
 * (registration ID, reprovisioning fields, attestation context, device data as `payload` (ga) or
 * `data` (preview)) and `linkedHubs`. Does not check the result: validate `body` against the
 * dialect's `allocation-request` schema where that matters (ga needs object data).
 */
export function buildAllocationRequest(spec: AllocationRequestSpec, dialect: Dialect): AllocationRequestMessage {
  const recordKey = spec.enrollment === 'group' ? 'enrollmentGroup' : 'individualEnrollment';
  const context: Record<string, unknown> = { registrationId: spec.registrationId };
  if (spec.reprovision) {
    context['currentIotHubHostName'] = spec.reprovision.currentIotHubHostName;
    context['currentDeviceId'] = spec.reprovision.currentDeviceId;
  }
  Object.assign(context, runtimeAttestationContext(spec.attestation, spec.clientCertificate));
  if (spec.deviceDataJson !== undefined) context[deviceDataMember(dialect)] = DATA_PLACEHOLDER;
  Object.assign(context, spec.extras?.deviceRuntimeContext);

  let text: string;
  if (spec.extras?.enrollment === undefined && spec.extras?.topLevel === undefined) {
    // what JSON.stringify writes for the object below, member by member; the record text is the same
    // for every registration of an enrollment, so it is made once (docs/performance.md)
    text = `{"${recordKey}":${recordText(spec)},"deviceRuntimeContext":${JSON.stringify(context)},"linkedHubs":${JSON.stringify(spec.linkedHubs)}}`;
  } else {
    const request: Record<string, unknown> = {
      [recordKey]: { ...enrollmentRecord(recordInput(spec)), ...spec.extras.enrollment },
      deviceRuntimeContext: context,
      linkedHubs: [...spec.linkedHubs],
      ...spec.extras.topLevel,
    };
    text = JSON.stringify(request);
  }
  if (spec.deviceDataJson !== undefined) text = text.replace(PLACEHOLDER_TEXT, () => minifyJson(spec.deviceDataJson ?? ''));
  return lazyMessage(dialect, text);
}

const PLACEHOLDER_TEXT = JSON.stringify(DATA_PLACEHOLDER);

function recordInput(spec: AllocationRequestSpec): EnrollmentRecordInput {
  return {
    kind: spec.enrollment,
    attestation: spec.attestation,
    id: spec.enrollment === 'group' ? (spec.enrollmentGroupId ?? 'dpsc-group') : spec.registrationId,
    ...(spec.deviceId === undefined ? {} : { deviceId: spec.deviceId }),
    linkedHubs: spec.linkedHubs,
    maskedWebhookUrl: maskedWebhookUrl(spec.webhookUrl ?? 'https://webhook.invalid/api/allocate?code=x'),
  };
}

/** Record texts kept (one per enrollment, hub list and webhook URL); cleared when full, so bounded. */
const RECORD_TEXTS_KEPT = 1000;
const recordTexts = new Map<string, string>();

/** JSON text of the spec's enrollment record, made once per distinct record. */
function recordText(spec: AllocationRequestSpec): string {
  const id = spec.enrollment === 'group' ? (spec.enrollmentGroupId ?? 'dpsc-group') : spec.registrationId;
  // JSON.stringify of the parts: no separator can be confused with a part's own characters
  const key = JSON.stringify([spec.enrollment, spec.attestation, id, spec.deviceId ?? null, spec.webhookUrl ?? null, spec.linkedHubs]);
  let text = recordTexts.get(key);
  if (text === undefined) {
    text = JSON.stringify(enrollmentRecord(recordInput(spec)));
    if (recordTexts.size >= RECORD_TEXTS_KEPT) recordTexts.clear();
    recordTexts.set(key, text);
  }
  return text;
}

/** The message with `body` parsed from `text` when first read: the emulator's webhook calls rarely read it. */
function lazyMessage(dialect: Dialect, text: string): AllocationRequestMessage {
  let body: Record<string, unknown> | undefined;
  return {
    dialect,
    text,
    get body(): Record<string, unknown> {
      body ??= JSON.parse(text) as Record<string, unknown>;
      return body;
    },
    byteLength: Buffer.byteLength(text, 'utf8'),
  };
}
