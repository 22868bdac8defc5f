import { createHash, createHmac } from 'node:crypto';

/**
 * Fixed example values of the contracts. Everything here is deterministic (no clock, no randomness),
 * so generation always writes the same pact files. None of it is a real secret.
 */

export const ID_SCOPE = '0ne0000CAFE';

/** The hub a webhook must answer with: the only entry of `linkedHubs` in every allocation request. */
export const LINKED_HUB = 'contract-hub-1.azure-devices.net';

/** Where a reprovisioned device was before (`currentIotHubHostName`); deliberately not in `linkedHubs`. */
export const PREVIOUS_HUB = 'contract-hub-0.azure-devices.net';

export const API_VERSION = '2019-03-31';

/** Device data sent by the device (ga `payload`, preview `data`) and forwarded to the webhook. */
export const DEVICE_DATA = {
  modelId: 'dtmi:com:example:Thermostat;1',
  site: { building: 'north', floor: 3 },
  sensors: ['temperature', 'humidity'],
};

/** Data the webhook returned, as DPS hands it to the device (ga: object; preview: string). */
export const RETURNED_PAYLOAD = { telemetryIntervalSeconds: 60, site: { building: 'north' } };
export const RETURNED_DATA_STRING = '{"telemetryIntervalSeconds":60}';

/** Bytes that stand in for a key: base64 of a SHA-512 over a label, so they are stable and obviously fake. */
export function fakeKey(label: string, bytes = 64): string {
  return createHash('sha512').update(`dps-conformance contract ${label}`).digest().subarray(0, bytes).toString('base64');
}

/** Enrollment group key of the device contract (provider state parameter; test material, not a secret). */
export const GROUP_KEY = fakeKey('symmetric-key group');

export const TPM_ENDORSEMENT_KEY = fakeKey('tpm endorsement key');
export const TPM_STORAGE_ROOT_KEY = fakeKey('tpm storage root key');

/**
 * Self-signed P-256 device certificates (base64 DER), subject CN = registration ID, valid until 2126.
 * Made once with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
 * -keyout /dev/null -subj "/CN=<id>" -days 36500 -outform DER` and kept here so generation is stable.
 * What DPS puts in `deviceRuntimeContext.x509` is [UNCONFIRMED] (docs/protocol/webhook.md); `clientCertificate` is
 * the one member third-party webhooks are known to read.
 */
export const X509_CERTIFICATES: Readonly<Record<string, string>> = {
  'contract-x509-individual-001':
    'MIIBpDCCAUugAwIBAgIUEWqOcB7GwWtK3RQrHJb0YkxbtbcwCgYIKoZIzj0EAwIwJzElMCMGA1UEAwwcY29udHJhY3QteDUwOS1pbmRpdmlkdWFsLTAwMTAgFw0yNjExMjYxMjE3MTNaGA8yMTI2MTEwMjEyMTcxM1owJzElMCMGA1UEAwwcY29udHJhY3QteDUwOS1pbmRpdmlkdWFsLTAwMTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABHrV2evgPJIm62G8eBiUmR6UnMSHzuzvEAAj/2JF4n0s0XwkUHrhNaYJnGs/kgxcUekh8cl7Rmyn2nF3zxA+zGyjUzBRMB0GA1UdDgQWBBSrT2+Z5NffNI8kBaPZy0dtHqAN2TAfBgNVHSMEGDAWgBSrT2+Z5NffNI8kBaPZy0dtHqAN2TAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIGAg7i1XIeTsBgC9brzGHGg2OVuhJDon3/Gdhlwlq6cpAiAPrGyYJreWrL7BbGxRZ8OZ8vqSqqFqaXK94oW0AHkI2A==',
  'contract-x509-group-001':
    'MIIBnDCCAUGgAwIBAgIUQicxHuAjRFpL/WjXGDxFGAa84WIwCgYIKoZIzj0EAwIwIjEgMB4GA1UEAwwXY29udHJhY3QteDUwOS1ncm91cC0wMDEwIBcNMjYxMTI2MTIxNzEzWhgPMjEyNjExMDIxMjE3MTNaMCIxIDAeBgNVBAMMF2NvbnRyYWN0LXg1MDktZ3JvdXAtMDAxMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEOjw8KaknGpMs7LuC1rgZ1fJW2HjVHbILwVwVaV1B8/j8xLnOzqrFnu1Co3jCccPSomfaVa1UzFiXdgGyKd8fz6NTMFEwHQYDVR0OBBYEFPVLOctM1lheyC+VANQ6QutfkEQfMB8GA1UdIwQYMBaAFPVLOctM1lheyC+VANQ6QutfkEQfMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAJp/+7GAhX2Sa5SN59MFGeo1/y8v03sbpFcEW0LcJ4/qAiEA99+3pDKqZGTX1LolRYE1xJtc47jp1oJc9RQmmxHjXGE=',
};

/** Fixed timestamps of the example enrollment records (DPS writes 7 fractional digits). */
export const CREATED_UTC = '2024-01-15T08:30:00.0000000Z';
export const UPDATED_UTC = '2024-01-15T08:30:00.0000000Z';

/** SAS tokens of the device contract expire in 2100, so a provider can check them for real. */
export const SAS_EXPIRY = 4102444800;

/** The key a device of a symmetric-key enrollment group signs with: HMAC-SHA256(groupKey, registrationId). */
export function deriveDeviceKey(groupKey: string, registrationId: string): string {
  return createHmac('sha256', Buffer.from(groupKey, 'base64')).update(registrationId, 'utf8').digest('base64');
}

/** A registration SAS token (docs/protocol/sas.md): sr = `{idScope}/registrations/{registrationId}`, skn = registration. */
export function registrationSas(idScope: string, registrationId: string, deviceKey: string, expiry: number): string {
  const resource = encodeURIComponent(`${idScope}/registrations/${registrationId}`);
  const signature = createHmac('sha256', Buffer.from(deviceKey, 'base64')).update(`${resource}\n${expiry}`, 'utf8').digest('base64');
  return `SharedAccessSignature sr=${resource}&sig=${encodeURIComponent(signature)}&se=${expiry}&skn=registration`;
}
