import type { AttestationKind } from './attestation-context.js';

/** Fixed record timestamps, in DPS's 7-fractional-digit form, so requests are reproducible. */
const CREATED = '2024-01-15T08:30:00.0000000Z';
const UPDATED = '2024-02-01T12:00:00.0000000Z';
/** `customAllocationDefinition.apiVersion`: the version of the record shapes sent to the webhook (docs/protocol/webhook.md). */
export const ENROLLMENT_API_VERSION = '2021-10-01';

export interface EnrollmentRecordInput {
  kind: 'individual' | 'group';
  attestation: AttestationKind;
  /** individual: the enrollment's registration ID; group: the group's ID */
  id: string;
  /** individual only: the device ID the enrollment assigns */
  deviceId?: string;
  linkedHubs: readonly string[];
  /** already masked (`...?****`), as DPS shows it */
  maskedWebhookUrl: string;
}

/**
 * The service-API enrollment record DPS puts in an allocation request (`individualEnrollment` or
 * `enrollmentGroup`, docs/protocol/webhook.md): keys left out, allocation policy `custom`, the webhook URL masked.
 */
export function enrollmentRecord(input: EnrollmentRecordInput): Record<string, unknown> {
  const identity: Record<string, unknown> =
    input.kind === 'group'
      ? { enrollmentGroupId: input.id }
      : { registrationId: input.id, ...(input.deviceId === undefined ? {} : { deviceId: input.deviceId }) };
  return {
    ...identity,
    attestation: { type: input.attestation },
    capabilities: { iotEdge: false },
    etag: '"dpsc-0000-0001"',
    provisioningStatus: 'enabled',
    reprovisionPolicy: { updateHubAssignment: true, migrateDeviceData: true },
    createdDateTimeUtc: CREATED,
    lastUpdatedDateTimeUtc: UPDATED,
    allocationPolicy: 'custom',
    iotHubs: [...input.linkedHubs],
    customAllocationDefinition: { webhookUrl: input.maskedWebhookUrl, apiVersion: ENROLLMENT_API_VERSION },
  };
}
