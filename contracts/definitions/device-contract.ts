import { MatchersV3 } from '@pact-foundation/pact';
import type { Dialect } from '../../src/results/check-result.js';
import type { ContractDefinition, InteractionDefinition, ProviderStateDefinition } from './contract-definition.js';
import {
  API_VERSION,
  DEVICE_DATA,
  GROUP_KEY,
  ID_SCOPE,
  LINKED_HUB,
  RETURNED_DATA_STRING,
  RETURNED_PAYLOAD,
  SAS_EXPIRY,
  deriveDeviceKey,
  registrationSas,
} from './example-values.js';
import { devicePacticipant, dpsPacticipant } from './pacticipants.js';

/**
 * Provider state names of the device contract. A provider (the project's emulator) registers a handler
 * for each; the parameters say exactly what to create, so a handler needs no knowledge of the contract.
 */
export const DEVICE_STATES = {
  /** params: dialect, idScope, enrollmentGroupId, groupKey (base64; devices sign with keys derived from it) */
  enrollmentGroup: 'a symmetric-key enrollment group with custom allocation exists',
  /**
   * params: dialect, idScope, registrationId, operationId, assignedHub, deviceId, substatus, and
   * `returnedData` (absent = the webhook returned none; ga: an object, preview: a string)
   */
  assignedOperation: 'a registration operation has completed with status assigned',
} as const;

const ENROLLMENT_GROUP_ID = 'contract-device-group';

function enrollmentState(dialect: Dialect): ProviderStateDefinition {
  return {
    name: DEVICE_STATES.enrollmentGroup,
    params: { dialect, idScope: ID_SCOPE, enrollmentGroupId: ENROLLMENT_GROUP_ID, groupKey: GROUP_KEY },
  };
}

/** Device requests carry a real SAS (expiry 2100) signed with the key derived from the state's group key. */
function deviceHeaders(registrationId: string, withBody: boolean): Record<string, unknown> {
  const sas = registrationSas(ID_SCOPE, registrationId, deriveDeviceKey(GROUP_KEY, registrationId), SAS_EXPIRY);
  return {
    ...(withBody ? { 'Content-Type': 'application/json' } : {}),
    Authorization: MatchersV3.regex('^SharedAccessSignature .+', sas),
  };
}

const apiVersionQuery = { 'api-version': MatchersV3.regex('^\\d{4}-\\d{2}-\\d{2}(-preview)?$', API_VERSION) };

function registerInteraction(dialect: Dialect, registrationId: string, withData: boolean): InteractionDefinition {
  const dataMember = dialect === 'ga' ? 'payload' : 'data';
  return {
    description: withData ? `a registration request with device data (${dataMember})` : 'a registration request without device data',
    states: [enrollmentState(dialect)],
    comments: [
      'The Authorization example is a valid SAS for the state\'s group key (derived device key, expiry 2100-01-01).',
      'operationId is opaque: any non-empty string.',
    ],
    request: {
      method: 'PUT',
      path: `/${ID_SCOPE}/registrations/${registrationId}/register`,
      query: apiVersionQuery,
      headers: deviceHeaders(registrationId, true),
      body: { registrationId, ...(withData ? { [dataMember]: DEVICE_DATA } : {}) },
    },
    response: {
      status: 202,
      headers: { 'Retry-After': MatchersV3.regex('^[0-9]+$', '2') },
      body: { operationId: MatchersV3.regex('^.+$', `4.0000cafe0000cafe.${registrationId}`), status: 'assigning' },
    },
  };
}

function pollInteraction(dialect: Dialect, registrationId: string, withReturnedData: boolean): InteractionDefinition {
  const operationId = `4.0000cafe0000cafe.${registrationId}`;
  const returnedMember = dialect === 'ga' ? 'payload' : 'returnData';
  const returnedData = dialect === 'ga' ? RETURNED_PAYLOAD : RETURNED_DATA_STRING;
  const stateParams: Record<string, unknown> = {
    dialect,
    idScope: ID_SCOPE,
    registrationId,
    operationId,
    assignedHub: LINKED_HUB,
    deviceId: registrationId,
    substatus: 'initialAssignment',
    ...(withReturnedData ? { returnedData } : {}),
  };
  return {
    description: withReturnedData
      ? `a poll of an assigned registration whose webhook returned data (${returnedMember})`
      : 'a poll of an assigned registration whose webhook returned no data',
    states: [enrollmentState(dialect), { name: DEVICE_STATES.assignedOperation, params: stateParams }],
    request: {
      method: 'GET',
      path: `/${ID_SCOPE}/registrations/${registrationId}/operations/${operationId}`,
      query: apiVersionQuery,
      headers: deviceHeaders(registrationId, false),
    },
    response: {
      status: 200,
      body: {
        operationId,
        status: 'assigned',
        registrationState: {
          registrationId,
          assignedHub: LINKED_HUB,
          deviceId: registrationId,
          status: 'assigned',
          substatus: 'initialAssignment',
          ...(withReturnedData ? { [returnedMember]: returnedData } : {}),
        },
      },
    },
  };
}

/** The device -> DPS contract of one dialect (HTTPS registration and polling). */
export function deviceContract(dialect: Dialect): ContractDefinition {
  return {
    kind: 'device',
    dialect,
    consumer: devicePacticipant(dialect),
    provider: dpsPacticipant(dialect),
    interactions: [
      registerInteraction(dialect, 'contract-device-001', false),
      registerInteraction(dialect, 'contract-device-002', true),
      pollInteraction(dialect, 'contract-device-003', false),
      pollInteraction(dialect, 'contract-device-004', true),
    ],
  };
}
