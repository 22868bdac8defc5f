/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * `DeviceRegistrationResult` (the `registrationState` of an operation status, or the bare body of POST /{idScope}/registrations/{registrationId}) in every status. Required per status: always `registrationId` and `status`; `assigned` adds `assignedHub`, `deviceId`, `substatus`; `failed` adds `errorCode` and `errorMessage` (e.g. 400207 "Custom allocation failed with status code: 400"); `assigning` and `disabled` need nothing more. Returned data is `payload`, a JSON object: whatever the webhook returned as `payload`, present only when it returned one (docs/protocol/webhook.md, docs/protocol/identifiers.md). Unknown members are allowed (service output; DPS adds fields). The 96 KB message limit is enforced by the harness, not this schema.
 */
export type RegistrationResultGa = DeviceRegistrationResultDialectIndependentPart & {
  /**
   * Data returned by the custom allocation webhook (its response `payload`), a JSON object.
   */
  payload?: {
    [k: string]: unknown;
  };
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
 * DPS `EnrollmentStatus`. Known values: `unassigned`, `assigning`, `assigned`, `failed`, `disabled` (docs/protocol/https.md). The swagger marks it modelAsString, so it is an open string: unknown values are accepted here and judged by the suites.
 */
export type EnrollmentRegistrationStatus = string;
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
