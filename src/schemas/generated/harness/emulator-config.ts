/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * DPS ID scope. The format `0ne` + 8 hex digits is observed only (e.g. `0ne00111111`, `0neFEEDC0DE`), not formally documented (docs/protocol/identifiers.md); kept as the pattern because every known scope matches it.
 */
export type IDScope = string;
/**
 * DPS registration ID. Sources disagree (docs/protocol/identifiers.md): the concept doc allows alphanumerics plus `-` `.` `_` `:`, last character alphanumeric or `-`, up to 128 characters, case-insensitive; the swagger text says no special character at start or end; the PUT path-parameter text says lowercase alphanumerics and hyphens. This pattern is the reconciling suggestion of docs/protocol/identifiers.md (first character alphanumeric, last alphanumeric or `-`). Case-insensitive comparison and an optional strict-lowercase mode are the harness's job, not the schema's.
 */
export type RegistrationID = string;
/**
 * Base64 of 16 to 64 bytes (DPS rule for user-supplied keys, docs/protocol/sas.md).
 */
export type SymmetricKey = string;
export type ProvisioningStatus = 'enabled' | 'disabled';
/**
 * A DNS host name without scheme, port or path, such as an IoT hub host name (`<hub>.azure-devices.net`).
 */
export type HostName = string;
/**
 * IoT hub host names the device may be assigned to (docs/protocol/webhook.md); always present and never empty.
 *
 * @minItems 1
 */
export type LinkedHubs = [HostName, ...HostName[]];
/**
 * Wire vocabulary of the custom-data feature (docs/contract/dialects.md): `ga` (api-version 2019-03-31 and later, `payload` objects) or `preview` (2019 preview documentation, `data` / `returnData`).
 */
export type Dialect = 'ga' | 'preview';

/**
 * Configuration for `emulate --config FILE`. Every member is optional; without a file the emulator serves one ID scope with one symmetric-key enrollment group using custom allocation (docs/contract/cli.md). `enrollments`: individual (`registrationId` + `primaryKey`) or group (`groupId` + `primaryKey`; devices sign with the key derived from it), symmetric key only in this version; `provisioningStatus: disabled` makes registrations end `disabled`. `allocation`: `custom` calls `webhookUrl` (a function key in its `?code=` query is a secret and is redacted in reports), `static` always assigns `hub`. `linkedHubs` is what the webhook receives; `retryAfterSeconds` is the Retry-After the emulator answers with (default 2); `dialect` picks the wire vocabulary (default `ga`). Command-line options (`--webhook`, `--retry-after`) override the file. Unknown members are rejected to catch typos.
 */
export interface EmulatorConfiguration {
  idScope?: IDScope;
  /**
   * @minItems 1
   */
  enrollments?: [
    IndividualEnrollmentSymmetricKey | EnrollmentGroupSymmetricKey,
    ...(IndividualEnrollmentSymmetricKey | EnrollmentGroupSymmetricKey)[]
  ];
  allocation?: CustomAllocationWebhook | StaticAllocation;
  linkedHubs?: LinkedHubs;
  retryAfterSeconds?: number;
  dialect?: Dialect;
}
export interface IndividualEnrollmentSymmetricKey {
  registrationId: RegistrationID;
  /**
   * Device ID to assign; defaults to the registration ID.
   */
  deviceId?: string;
  primaryKey: SymmetricKey;
  secondaryKey?: SymmetricKey;
  provisioningStatus?: ProvisioningStatus;
}
export interface EnrollmentGroupSymmetricKey {
  groupId: string;
  primaryKey: SymmetricKey;
  secondaryKey?: SymmetricKey;
  provisioningStatus?: ProvisioningStatus;
}
export interface CustomAllocationWebhook {
  type: 'custom';
  webhookUrl: string;
  /**
   * Webhook call timeout; DPS's own value is undocumented (docs/protocol/webhook.md), so this is non-normative.
   */
  timeoutMs?: number;
}
export interface StaticAllocation {
  type: 'static';
  hub: HostName;
}
