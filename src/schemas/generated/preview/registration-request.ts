/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * DPS registration ID. Sources disagree (docs/protocol/identifiers.md): the concept doc allows alphanumerics plus `-` `.` `_` `:`, last character alphanumeric or `-`, up to 128 characters, case-insensitive; the swagger text says no special character at start or end; the PUT path-parameter text says lowercase alphanumerics and hyphens. This pattern is the reconciling suggestion of docs/protocol/identifiers.md (first character alphanumeric, last alphanumeric or `-`). Case-insensitive comparison and an optional strict-lowercase mode are the harness's job, not the schema's.
 */
export type RegistrationID = string;
/**
 * Standard base64 (RFC 4648 section 4, with padding).
 */
export type Base64Text = string;
/**
 * Standard base64 (RFC 4648 section 4, with padding).
 */
export type Base64Text1 = string;

/**
 * Device -> DPS register body in the 2019 preview vocabulary (docs/contract/dialects.md): `registrationId`, `tpm` for TPM devices, and `data` holding the additional data, any JSON value ("It can be nested JSON"), including null. The preview text also shows an `interfaces` placeholder marked as not yet defined: it is tolerated and ignored (any value), so the documented sample validates. Other unknown members are rejected, as in the ga dialect (DPS deserialises the body strictly, azure-iot-sdk-c#2314); in particular a ga `payload` member is an error in this dialect. `registrationId` is optional for the same reason as in ga (MQTT bodies without it). The 96 KB message limit is enforced by the harness, not this schema.
 */
export interface RegistrationRequestPreview {
  registrationId?: RegistrationID;
  tpm?: TPMAttestationDeviceRequest;
  data?: unknown;
  interfaces?: unknown;
}
/**
 * `TpmAttestation` of the register body: `endorsementKey` required, `storageRootKey` optional (docs/protocol/https.md). Both base64.
 */
export interface TPMAttestationDeviceRequest {
  endorsementKey: Base64Text;
  storageRootKey?: Base64Text1;
  [k: string]: unknown;
}
