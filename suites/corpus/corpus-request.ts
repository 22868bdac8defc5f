import type { Dialect } from '../../src/results/check-result.js';
import { buildAllocationRequest, type AllocationRequestMessage, type AllocationRequestSpec } from '../../src/dps/build-allocation-request.js';
import { deviceDataFor, registrationIdFor, type CorpusCase } from './corpus-case.js';

/** What DPS knows about a corpus case's registration, ready for buildAllocationRequest. */
export function allocationSpecFor(entry: CorpusCase, dialect: Dialect, webhookUrl?: string): AllocationRequestSpec {
  const data = deviceDataFor(entry, dialect);
  const spec: AllocationRequestSpec = {
    registrationId: registrationIdFor(entry),
    enrollment: entry.enrollment,
    attestation: entry.attestation,
    linkedHubs: entry.linkedHubs,
  };
  if (data !== undefined) spec.deviceDataJson = data.json;
  if (entry.reprovision) spec.reprovision = { ...entry.reprovision };
  if (webhookUrl !== undefined) spec.webhookUrl = webhookUrl;
  if (entry.requestExtras) spec.extras = entry.requestExtras;
  return spec;
}

/** The allocation request DPS would send a webhook for a corpus case in a dialect. */
export function allocationRequestFor(entry: CorpusCase, dialect: Dialect, webhookUrl?: string): AllocationRequestMessage {
  return buildAllocationRequest(allocationSpecFor(entry, dialect, webhookUrl), dialect);
}
