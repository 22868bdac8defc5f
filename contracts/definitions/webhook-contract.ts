import { MatchersV3 } from '@pact-foundation/pact';
import type { AllocationRequestSpec } from '../../src/dps/build-allocation-request.js';
import type { Dialect } from '../../src/results/check-result.js';
import type { ContractDefinition, InteractionDefinition } from './contract-definition.js';
import {
  CREATED_UTC,
  DEVICE_DATA,
  LINKED_HUB,
  PREVIOUS_HUB,
  TPM_ENDORSEMENT_KEY,
  TPM_STORAGE_ROOT_KEY,
  UPDATED_UTC,
  X509_CERTIFICATES,
} from './example-values.js';
import { dpsPacticipant, webhookPacticipant } from './pacticipants.js';
import { hubPattern } from '../../src/contracts/hub-pattern.js';

type EnrollmentKind = 'individual' | 'group';
type AttestationKind = 'symmetricKey' | 'x509' | 'tpm';

interface AllocationCase {
  enrollment: EnrollmentKind;
  attestation: AttestationKind;
  withData: boolean;
  reprovision: boolean;
}

/**
 * A pairwise covering set rather than the full product: every enrollment x attestation pair that DPS
 * allows appears twice, and across the set every pair of (data, lifecycle) values appears. DPS has no
 * TPM enrollment groups (TPM is individual only), so group x tpm is absent.
 */
const CASES: readonly AllocationCase[] = [
  { enrollment: 'individual', attestation: 'symmetricKey', withData: false, reprovision: false },
  { enrollment: 'individual', attestation: 'symmetricKey', withData: true, reprovision: true },
  { enrollment: 'individual', attestation: 'x509', withData: true, reprovision: false },
  { enrollment: 'individual', attestation: 'x509', withData: false, reprovision: true },
  { enrollment: 'individual', attestation: 'tpm', withData: true, reprovision: false },
  { enrollment: 'individual', attestation: 'tpm', withData: false, reprovision: true },
  { enrollment: 'group', attestation: 'symmetricKey', withData: true, reprovision: false },
  { enrollment: 'group', attestation: 'symmetricKey', withData: false, reprovision: true },
  { enrollment: 'group', attestation: 'x509', withData: false, reprovision: false },
  { enrollment: 'group', attestation: 'x509', withData: true, reprovision: true },
];

const ATTESTATION_ID: Record<AttestationKind, string> = { symmetricKey: 'sym', x509: 'x509', tpm: 'tpm' };

function registrationIdOf(c: AllocationCase): string {
  return `contract-${ATTESTATION_ID[c.attestation]}-${c.enrollment}-001`;
}

function groupIdOf(c: AllocationCase): string {
  return `contract-group-${ATTESTATION_ID[c.attestation]}`;
}

/** DPS's record timestamps: ISO 8601 UTC, up to 7 fractional digits. */
const DPS_TIMESTAMP = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?Z$';
/** The stored webhook URL as DPS shows it: any query (the function key) masked as `?****`. */
const MASKED_WEBHOOK_URL = '^https?://[^?\\s]+(\\?\\*{4})?$';

function runtimeAttestation(c: AllocationCase, registrationId: string): Record<string, unknown> {
  switch (c.attestation) {
    case 'symmetricKey':
      // the documented example is an empty object: keys never travel to the webhook
      return { symmetricKey: {} };
    case 'x509':
      return { x509: { clientCertificate: X509_CERTIFICATES[registrationId] } };
    case 'tpm':
      // public keys a webhook can only read, not check: any string
      return { tpm: { endorsementKey: MatchersV3.like(TPM_ENDORSEMENT_KEY), storageRootKey: MatchersV3.like(TPM_STORAGE_ROOT_KEY) } };
  }
}

/** The service-API enrollment record DPS sends (docs/protocol/webhook.md), keys left out. */
function enrollmentRecord(c: AllocationCase, registrationId: string): Record<string, unknown> {
  const common = {
    attestation: { type: c.attestation },
    capabilities: { iotEdge: false },
    // the record's version and times are the enrollment's own, not part of the contract's shape
    etag: MatchersV3.like('"contract-etag-0001"'),
    provisioningStatus: 'enabled',
    reprovisionPolicy: { updateHubAssignment: true, migrateDeviceData: true },
    createdDateTimeUtc: MatchersV3.regex(DPS_TIMESTAMP, CREATED_UTC),
    lastUpdatedDateTimeUtc: MatchersV3.regex(DPS_TIMESTAMP, UPDATED_UTC),
    allocationPolicy: 'custom',
    iotHubs: [LINKED_HUB],
    // DPS masks the function key of the stored webhook URL
    customAllocationDefinition: {
      webhookUrl: MatchersV3.regex(MASKED_WEBHOOK_URL, 'https://contract-webhook.example.net/api/allocate?****'),
      apiVersion: '2021-10-01',
    },
  };
  if (c.enrollment === 'individual') {
    return { individualEnrollment: { registrationId, deviceId: registrationId, ...common } };
  }
  return { enrollmentGroup: { enrollmentGroupId: groupIdOf(c), ...common } };
}

function allocationRequest(dialect: Dialect, c: AllocationCase): Record<string, unknown> {
  const registrationId = registrationIdOf(c);
  const deviceRuntimeContext: Record<string, unknown> = {
    registrationId,
    ...(c.reprovision ? { currentIotHubHostName: PREVIOUS_HUB, currentDeviceId: registrationId } : {}),
    ...runtimeAttestation(c, registrationId),
    ...(c.withData ? { [dialect === 'ga' ? 'payload' : 'data']: DEVICE_DATA } : {}),
  };
  return { ...enrollmentRecord(c, registrationId), deviceRuntimeContext, linkedHubs: [LINKED_HUB] };
}

/** The same registration as the emulator knows it: what the consumer test gives the emulator's own code. */
function allocationSpec(c: AllocationCase): AllocationRequestSpec {
  const registrationId = registrationIdOf(c);
  const certificate = X509_CERTIFICATES[registrationId];
  return {
    registrationId,
    enrollment: c.enrollment,
    attestation: c.attestation,
    ...(c.attestation === 'x509' && certificate !== undefined ? { clientCertificate: certificate } : {}),
    linkedHubs: [LINKED_HUB],
    ...(c.withData ? { deviceDataJson: JSON.stringify(DEVICE_DATA) } : {}),
    ...(c.reprovision ? { reprovision: { currentIotHubHostName: PREVIOUS_HUB, currentDeviceId: registrationId } } : {}),
    ...(c.enrollment === 'group' ? { enrollmentGroupId: groupIdOf(c) } : { deviceId: registrationId }),
  };
}

function describe(c: AllocationCase): string {
  const enrollment = c.enrollment === 'individual' ? 'an individual enrollment' : 'an enrollment group';
  const data = c.withData ? 'with device data' : 'without device data';
  const lifecycle = c.reprovision ? 'reprovisioning' : 'initial assignment';
  return `an allocation request for ${enrollment} with ${c.attestation} attestation, ${data}, ${lifecycle}`;
}

/** The part of the response contract Pact cannot express (it has no optional members). */
export function optionalMembersComment(dialect: Dialect): string {
  const data = dialect === 'ga' ? '`payload` (a JSON object or null)' : '`returnData` (a string or null)';
  return (
    `Optional members, not required by this interaction but typed when present: ${data} and ` +
    '`initialTwin` (null, or {tags?, properties?: {desired?}} and nothing else); dps-conformance checks them beside the Pact verifier ' +
    `(schemas/${dialect}/allocation-response.schema.json).`
  );
}

/** The DPS -> custom allocation webhook contract of one dialect. */
export function webhookContract(dialect: Dialect): ContractDefinition {
  const interactions: InteractionDefinition[] = CASES.map((c) => ({
    description: describe(c),
    comments: [
      'The request path is a placeholder: a verifier sends it to the webhook URL under test (path and query, plus ?code=<function key>).',
      'The answer must name a hub of linkedHubs, compared without case; the request links exactly one hub, so iotHubHostName must be it.',
      'The answer must be HTTP 200 with a JSON body; its Content-Type is not part of the contract (a SHOULD of its own, webhook.response.contentType).',
      optionalMembersComment(dialect),
    ],
    request: {
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': MatchersV3.regex('^application/json(;.*)?$', 'application/json') },
      body: allocationRequest(dialect, c),
    },
    allocation: allocationSpec(c),
    response: {
      status: 200,
      body: { iotHubHostName: MatchersV3.regex(hubPattern([LINKED_HUB]), LINKED_HUB) },
    },
  }));
  return { kind: 'webhook', dialect, consumer: dpsPacticipant(dialect), provider: webhookPacticipant(dialect), interactions };
}
