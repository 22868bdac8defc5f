/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * DPS -> custom allocation webhook POST body (`AllocationRequest`, docs/protocol/webhook.md): exactly one of `individualEnrollment` / `enrollmentGroup` (the full service-API enrollment record, keys left out), `deviceRuntimeContext` (`registrationId`; `currentIotHubHostName` + `currentDeviceId` only when reprovisioning; exactly one of `x509` / `symmetricKey` / `tpm`; the device data) and `linkedHubs` (at least one hub host name). The preview documentation names no field for the device data towards the webhook; `deviceRuntimeContext.data` carrying the device's `data` verbatim (any JSON value, present only if the device sent one) is our choice (docs/contract/dialects.md). Unknown members are allowed everywhere: DPS adds fields over time and webhooks must ignore them. The 96 KB message limit is enforced by the harness, not this schema.
 */
export type AllocationRequestPreview = {
  individualEnrollment?: IndividualEnrollmentRecord;
  enrollmentGroup?: EnrollmentGroupRecord;
  deviceRuntimeContext: DeviceRuntimeContextDialectIndependentPart & {
    data?: unknown;
    [k: string]: unknown;
  };
  linkedHubs: LinkedHubs;
  [k: string]: unknown;
} & (
  | {
      individualEnrollment: IndividualEnrollmentRecord;
      [k: string]: unknown;
    }
  | {
      enrollmentGroup: EnrollmentGroupRecord;
      [k: string]: unknown;
    }
);
/**
 * Full service-API IndividualEnrollment as DPS sends it to the webhook for individual enrollments (docs/protocol/webhook.md). Unknown members allowed (DPS adds fields; webhooks must ignore them).
 */
export type IndividualEnrollmentRecord = FieldsCommonToEnrollmentRecords & {
  registrationId: RegistrationID;
  deviceId?: string;
  [k: string]: unknown;
};
/**
 * RFC 3339 date-time. DPS writes 7 fractional digits and `Z`, e.g. `2020-04-10T05:24:22.4718526Z` (docs/protocol/https.md).
 */
export type DateTime = string;
/**
 * A DNS host name without scheme, port or path, such as an IoT hub host name (`<hub>.azure-devices.net`).
 */
export type HostName = string;
/**
 * DPS registration ID. Sources disagree (docs/protocol/identifiers.md): the concept doc allows alphanumerics plus `-` `.` `_` `:`, last character alphanumeric or `-`, up to 128 characters, case-insensitive; the swagger text says no special character at start or end; the PUT path-parameter text says lowercase alphanumerics and hyphens. This pattern is the reconciling suggestion of docs/protocol/identifiers.md (first character alphanumeric, last alphanumeric or `-`). Case-insensitive comparison and an optional strict-lowercase mode are the harness's job, not the schema's.
 */
export type RegistrationID = string;
/**
 * Full service-API EnrollmentGroup as DPS sends it to the webhook for group enrollments (docs/protocol/webhook.md). Unknown members allowed.
 */
export type EnrollmentGroupRecord = FieldsCommonToEnrollmentRecords & {
  enrollmentGroupId: string;
  [k: string]: unknown;
};
/**
 * `deviceRuntimeContext` without its data member (which each dialect adds). `registrationId` always; `currentIotHubHostName` and `currentDeviceId` together, only when the device was assigned before (reprovisioning; docs/protocol/webhook.md says to use this casing, not `currentIoTHubHostName`); exactly one of `x509` / `symmetricKey` / `tpm`. Unknown members allowed.
 */
export type DeviceRuntimeContextDialectIndependentPart = (
  | {
      symmetricKey: SymmetricKeyRuntimeContext;
      [k: string]: unknown;
    }
  | {
      x509: X509RuntimeContext;
      [k: string]: unknown;
    }
  | {
      tpm: TPMRuntimeContext;
      [k: string]: unknown;
    }
) & {
  registrationId: RegistrationID;
  currentIotHubHostName?: HostName;
  currentDeviceId?: string;
  symmetricKey?: SymmetricKeyRuntimeContext;
  x509?: X509RuntimeContext;
  tpm?: TPMRuntimeContext;
  [k: string]: unknown;
};
/**
 * Standard base64 (RFC 4648 section 4, with padding).
 */
export type Base64Text = string;
/**
 * Standard base64 (RFC 4648 section 4, with padding).
 */
export type Base64Text1 = string;
/**
 * Standard base64 (RFC 4648 section 4, with padding).
 */
export type Base64Text2 = string;
/**
 * IoT hub host names the device may be assigned to (docs/protocol/webhook.md); always present and never empty.
 *
 * @minItems 1
 */
export type LinkedHubs = [HostName, ...HostName[]];

/**
 * Members shared by IndividualEnrollment and EnrollmentGroup (service.json). Only the ones a webhook commonly reads are constrained; DPS adds fields over time, so unknown members are allowed.
 */
export interface FieldsCommonToEnrollmentRecords {
  attestation: AttestationMechanismEnrollmentRecord;
  capabilities?: JSONObject;
  etag?: string;
  provisioningStatus?: string;
  reprovisionPolicy?: JSONObject;
  initialTwin?: JSONObject;
  createdDateTimeUtc?: DateTime;
  lastUpdatedDateTimeUtc?: DateTime;
  allocationPolicy?: string;
  iotHubHostName?: HostName;
  iotHubs?: HostName[];
  customAllocationDefinition?: {
    webhookUrl?: string;
    apiVersion?: string;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * Service `AttestationMechanism` as it appears inside an enrollment record sent to the webhook. DPS leaves keys out (the symmetric-key example is `{type: "symmetricKey"}`). `type` is an open string (service also knows `none`).
 */
export interface AttestationMechanismEnrollmentRecord {
  type: string;
  [k: string]: unknown;
}
/**
 * Any JSON object (free-form application data, twin collections).
 */
export interface JSONObject {
  [k: string]: unknown;
}
/**
 * `deviceRuntimeContext.symmetricKey`: the documented example is an empty object `{}` (docs/protocol/webhook.md). Keys are never sent. Unknown members allowed.
 */
export interface SymmetricKeyRuntimeContext {
  [k: string]: unknown;
}
/**
 * `deviceRuntimeContext.x509`: contents are not documented. [UNCONFIRMED] Third-party code reads `clientCertificate` as the base64 DER device certificate; other fields (subject, issuer, thumbprint) are unknown, so unknown members are allowed and `clientCertificate` is optional.
 */
export interface X509RuntimeContext {
  clientCertificate?: Base64Text;
  [k: string]: unknown;
}
/**
 * `deviceRuntimeContext.tpm`: `{endorsementKey, storageRootKey}` (docs/protocol/webhook.md).
 */
export interface TPMRuntimeContext {
  endorsementKey: Base64Text1;
  storageRootKey?: Base64Text2;
  [k: string]: unknown;
}
