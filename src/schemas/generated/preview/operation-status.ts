/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * `RegistrationOperationStatus`: the body of a successful register or poll answer (HTTPS 200/202, MQTT res/200, res/202). `{operationId, status}` alone on the first 202; `registrationState` on later polls and always on terminal statuses (`assigned`, `failed`, `disabled` come back as 200 answers, not errors), with the same status as the outer one. `operationId` must be non-empty (swagger minLength 1); the azure-sdk-for-c fixture for `disabled` uses "" but that is an SDK test artefact, so it is off-schema here (our choice). operationId is opaque; no format is checked. Unknown members allowed. The 96 KB message limit is enforced by the harness, not this schema.
 */
export type RegistrationOperationStatusPreview = RegistrationOperationStatusDialectIndependentPart & {
  registrationState?: RegistrationResultPreview;
  [k: string]: unknown;
};
/**
 * `RegistrationOperationStatus` without the dialect's `registrationState` schema. `operationId` follows the swagger (minLength 1, required); the azure-sdk-for-c unit-test fixture for `disabled` uses an empty string, but that is an SDK test artefact, so an empty operationId is off-schema (our choice; a device-robustness case may still send one deliberately). Terminal statuses (`assigned`, `failed`, `disabled`) require `registrationState` with the same status (docs/protocol/https.md); `assigning` may come with or without it.
 */
export type RegistrationOperationStatusDialectIndependentPart = {
  operationId: string;
  status: EnrollmentRegistrationStatus;
  [k: string]: unknown;
};
/**
 * DPS `EnrollmentStatus`. Known values: `unassigned`, `assigning`, `assigned`, `failed`, `disabled` (docs/protocol/https.md). The swagger marks it modelAsString, so it is an open string: unknown values are accepted here and judged by the suites.
 */
export type EnrollmentRegistrationStatus = string;
/**
 * `DeviceRegistrationResult` (the `registrationState` of an operation status, or the bare body of POST /{idScope}/registrations/{registrationId}) in every status. Required per status: always `registrationId` and `status`; `assigned` adds `assignedHub`, `deviceId`, `substatus`; `failed` adds `errorCode` and `errorMessage` (e.g. 400207 "Custom allocation failed with status code: 400"); `assigning` and `disabled` need nothing more. Returned data is `returnData`, a string: where the preview returns the webhook's `returnData` to the device is not documented, so `registrationState.returnData` carrying the same string is our choice (docs/contract/dialects.md). Unknown members are allowed (service output; DPS adds fields). The 96 KB message limit is enforced by the harness, not this schema.
 */
export type RegistrationResultPreview = DeviceRegistrationResultDialectIndependentPart & {
  /**
   * The webhook's `returnData` string, passed through unchanged (our choice, docs/contract/dialects.md).
   */
  returnData?: string;
  [k: string]: unknown;
};
/**
 * `DeviceRegistrationResult` without its returned-data member (which each dialect adds). `registrationId` and `status` are required (present in every observed state). Per status: `assigned` requires `assignedHub`, `deviceId` and `substatus`; `failed` requires `errorCode` and `errorMessage`; `assigning`, `disabled`, `unassigned` and unknown statuses need nothing more. Unknown members allowed (all fields are readOnly service output and DPS adds fields).
 */
export type DeviceRegistrationResultDialectIndependentPart = {
  registrationId: RegistrationID;
  createdDateTimeUtc?: DateTime;
  assignedHub?: HostName;
  deviceId?: string;
  status: EnrollmentRegistrationStatus;
  substatus?: AssignedDeviceSubstatus;
  errorCode?: ExtendedErrorCode;
  errorMessage?: string;
  lastUpdatedDateTimeUtc?: DateTime;
  etag?: string;
  tpm?: TpmRegistrationResult;
  x509?: X509RegistrationResult;
  symmetricKey?: SymmetricKeyRegistrationResult;
  [k: string]: unknown;
};
/**
 * DPS registration ID. Sources disagree (docs/protocol/identifiers.md): the concept doc allows alphanumerics plus `-` `.` `_` `:`, last character alphanumeric or `-`, up to 128 characters, case-insensitive; the swagger text says no special character at start or end; the PUT path-parameter text says lowercase alphanumerics and hyphens. This pattern is the reconciling suggestion of docs/protocol/identifiers.md (first character alphanumeric, last alphanumeric or `-`). Case-insensitive comparison and an optional strict-lowercase mode are the harness's job, not the schema's.
 */
export type RegistrationID = string;
/**
 * RFC 3339 date-time. DPS writes 7 fractional digits and `Z`, e.g. `2020-04-10T05:24:22.4718526Z` (docs/protocol/https.md).
 */
export type DateTime = string;
/**
 * A DNS host name without scheme, port or path, such as an IoT hub host name (`<hub>.azure-devices.net`).
 */
export type HostName = string;
/**
 * DPS `AssignedDeviceSubstatus`. Known values: `initialAssignment`, `deviceDataMigrated`, `deviceDataReset`, `reprovisionedToInitialAssignment` (docs/protocol/https.md). Open string, like the status.
 */
export type AssignedDeviceSubstatus = string;
/**
 * DPS 6-digit error code = HTTP status x 1000 + sub-code (e.g. 400207, 401002, 429001; docs/protocol/https.md). No official table exists.
 */
export type ExtendedErrorCode = number;

export interface TpmRegistrationResult {
  authenticationKey?: string;
  [k: string]: unknown;
}
/**
 * `{certificateInfo, enrollmentGroupId, signingCertificateInfo}` (docs/protocol/https.md). Inner certificate-info objects are not constrained.
 */
export interface X509RegistrationResult {
  certificateInfo?: JSONObject;
  enrollmentGroupId?: string;
  signingCertificateInfo?: JSONObject;
  [k: string]: unknown;
}
/**
 * Any JSON object (free-form application data, twin collections).
 */
export interface JSONObject {
  [k: string]: unknown;
}
export interface SymmetricKeyRegistrationResult {
  enrollmentGroupId?: string;
  [k: string]: unknown;
}
