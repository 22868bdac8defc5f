import type { Dialect } from '../results/check-result.js';
import { buildAllocationRequest, type AllocationRequestSpec } from '../dps/build-allocation-request.js';
import { webhookAllocator } from '../emulator/allocation/webhook-allocator.js';
import type { AllocationContext, AllocationOutcome, AllocationTrace } from '../emulator/allocation/allocator.js';
import { boundedRequest } from '../http/bounded-request.js';

/** What the consumer did against the Pact mock server: the HTTP status it got and, when the emulator's allocator ran, its decision. */
export interface AllocationConsumerResult {
  status: number;
  outcome?: AllocationOutcome;
}

/** No retries: the mock server answers once, and a >= 429 answer there is a contract failure. */
const NO_RETRIES = { retries: 0, initialMs: 0, incrementMs: 0 };

/**
 * The real consumer of a webhook contract: the emulator's custom allocation (src/emulator/allocation/webhook-allocator.ts)
 * calls `url` (the Pact mock server) for the registration `spec` describes, exactly as it calls a webhook during a run,
 * and its decision on the answer is returned. The emulator attests devices with symmetric keys and X.509 only; for a TPM
 * registration its request code (src/dps/build-allocation-request.ts) builds the body and it is sent the same way.
 */
export async function sendAllocationRequest(url: string, spec: AllocationRequestSpec, dialect: Dialect): Promise<AllocationConsumerResult> {
  if (spec.attestation === 'tpm') return sendBuiltRequest(url, spec, dialect);
  const calls: AllocationTrace[] = [];
  const stop = new AbortController();
  try {
    const allocate = webhookAllocator({ url, keepAlive: false, retrySchedule: NO_RETRIES, timeoutMs: 30_000 });
    const outcome = await allocate(allocationContext(spec, dialect, stop.signal, calls));
    const answer = calls.find((call) => call.what === 'webhook-call')?.response;
    const status = typeof answer === 'object' && answer !== null && 'status' in answer && typeof answer.status === 'number' ? answer.status : undefined;
    if (status === undefined) throw new Error(`the Pact mock server did not answer the emulator's webhook call: ${describeOutcome(outcome)}`);
    return { status, outcome };
  } finally {
    stop.abort();
  }
}

function allocationContext(spec: AllocationRequestSpec, dialect: Dialect, signal: AbortSignal, calls: AllocationTrace[]): AllocationContext {
  const data: unknown = spec.deviceDataJson === undefined ? undefined : JSON.parse(spec.deviceDataJson);
  return {
    dialect,
    idScope: '0ne0000CAFE',
    registrationId: spec.registrationId,
    enrollment: {
      kind: spec.enrollment,
      id: spec.enrollment === 'group' ? (spec.enrollmentGroupId ?? 'dpsc-group') : spec.registrationId,
      ...(spec.deviceId === undefined ? {} : { deviceId: spec.deviceId }),
      provisioningStatus: 'enabled',
      createdDateTimeUtc: '2024-01-15T08:30:00.0000000Z',
      lastUpdatedDateTimeUtc: '2024-01-15T08:30:00.0000000Z',
      etag: '"dpsc-0000-0001"',
    },
    ...(spec.deviceDataJson === undefined ? { hasData: false } : { hasData: true, data, dataJson: spec.deviceDataJson }),
    ...(spec.clientCertificate === undefined ? {} : { clientCertificate: spec.clientCertificate }),
    linkedHubs: spec.linkedHubs,
    ...(spec.reprovision ? { current: { hub: spec.reprovision.currentIotHubHostName, deviceId: spec.reprovision.currentDeviceId } } : {}),
    signal,
    trace: (event) => calls.push(event),
  };
}

async function sendBuiltRequest(url: string, spec: AllocationRequestSpec, dialect: Dialect): Promise<AllocationConsumerResult> {
  const message = buildAllocationRequest({ ...spec, webhookUrl: url }, dialect);
  const outcome = await boundedRequest({ url: new URL(url), method: 'POST', body: message.text, timeoutMs: 30_000 });
  if (outcome.kind !== 'answered') throw new Error(`the Pact mock server did not answer: ${outcome.message}`);
  return { status: outcome.status };
}

function describeOutcome(outcome: AllocationOutcome): string {
  return outcome.kind === 'failed' ? `${outcome.errorCode} ${outcome.errorMessage}` : outcome.kind;
}
