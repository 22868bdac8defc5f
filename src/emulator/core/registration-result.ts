import type { Dialect } from '../../results/check-result.js';
import { RawJson } from '../../json/raw-json.js';
import type { Operation, OperationOutcome, RegistrationRecord } from './registration-book.js';
import { dpsTimestamp } from './dps-timestamp.js';
import { newEtag } from './dps-identifiers.js';

/** `registrationState` while the operation runs (docs/protocol/https.md recommendation). */
export function assigningState(operation: Operation): Record<string, unknown> {
  return { registrationId: operation.registrationId, status: 'assigning' };
}

export interface TerminalResult {
  result: Record<string, unknown>;
  /** why returned data was not delivered, if the allocator gave data of the wrong shape */
  note?: string;
}

/**
 * The terminal DeviceRegistrationResult (docs/protocol/https.md). Returned data goes where the dialect puts it:
 * ga `payload` (only a JSON object is delivered, azure-docs#51275), preview `returnData` (a string,
 * docs/contract/dialects.md); data of the wrong shape is left out and noted. Data the allocator gave as text is
 * placed as a `RawJson`, so the device receives it as written.
 */
export function terminalResult(
  record: RegistrationRecord,
  operation: Operation,
  outcome: Exclude<OperationOutcome, { kind: 'retry-later' }>,
  reRegistration: 'dps' | 'initial' = 'dps',
): TerminalResult {
  const registrationId = operation.registrationId;
  if (outcome.kind === 'disabled') return { result: { registrationId, status: 'disabled' } };
  const times = { createdDateTimeUtc: record.createdDateTimeUtc, lastUpdatedDateTimeUtc: dpsTimestamp(), etag: newEtag() };
  if (outcome.kind === 'failed') {
    return { result: { registrationId, createdDateTimeUtc: times.createdDateTimeUtc, status: 'failed', errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, lastUpdatedDateTimeUtc: times.lastUpdatedDateTimeUtc, etag: times.etag } };
  }
  const deviceId = operation.enrollment.deviceId ?? registrationId;
  const substatus = substatusOf(record, outcome.hub, reRegistration);
  const result: Record<string, unknown> = {
    registrationId,
    createdDateTimeUtc: times.createdDateTimeUtc,
    assignedHub: outcome.hub,
    deviceId,
    status: 'assigned',
    substatus,
    lastUpdatedDateTimeUtc: times.lastUpdatedDateTimeUtc,
    etag: times.etag,
  };
  if (outcome.returnData === undefined) return { result };
  const placed = placeReturnData(operation.dialect, outcome.returnData);
  if (placed.member)
    result[placed.member] =
      outcome.returnDataJson === undefined
        ? outcome.returnData
        : new RawJson(outcome.returnDataJson, outcome.returnData);
  return placed.note ? { result, note: placed.note } : { result };
}

function placeReturnData(dialect: Dialect, data: unknown): { member?: string; note?: string } {
  if (dialect === 'ga') {
    const isObject = data !== null && typeof data === 'object' && !Array.isArray(data);
    return isObject ? { member: 'payload' } : { note: 'allocator returned a non-object payload; DPS does not deliver it (ga)' };
  }
  return typeof data === 'string' ? { member: 'returnData' } : { note: 'allocator returned a non-string returnData; not delivered (preview)' };
}

/**
 * `initialAssignment` the first time; after that DPS knows the device, and a re-provisioning under the
 * default reprovision policy (migrate data) reads `deviceDataMigrated`, same hub or not (UNCONFIRMED for
 * the same hub, see docs/emulator-behaviour.md). `initial` mode: only a change of hub is a migration.
 */
function substatusOf(record: RegistrationRecord, hub: string, reRegistration: 'dps' | 'initial'): string {
  if (!record.current) return 'initialAssignment';
  if (reRegistration === 'initial' && record.current.hub === hub) return 'initialAssignment';
  return 'deviceDataMigrated';
}
