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
 * Device -> DPS register body (`DeviceRegistration`, api-version 2019-03-31 and later; HTTPS PUT .../register or MQTT `$dps/registrations/PUT/iotdps-register/`). Unknown members are rejected (our choice): DPS deserialises this body strictly and answers 400 to members it does not know (azure-iot-sdk-c#2314: "Could not find member 'payload' on object of type 'DeviceRegistration'"), so a `data` member or a top-level `modelId` (azure-docs#66740, 400012) is an error. `registrationId` is optional here: the HTTPS bodies in the docs always carry it, but the C# SDK over MQTT omits it and DPS accepts that (docs/protocol/mqtt.md, docs/protocol/identifiers.md, [UNCONFIRMED] whether it is mandatory); the harness compares it with the path / MQTT ClientId when present. `payload` must be a JSON object, as DPS documents it: this schema is that contract. DPS also takes a JSON string holding a JSON object (the Azure IoT Java SDK sends one; docs/emulator-behaviour.md), which the device suite reports as the SHOULD `device.data.object`; a string that is not JSON is refused in the reports seen (azure-docs#81864); `"payload": null` is accepted because the Python SDK always sends it when no payload is set (docs/protocol/sdks.md) and it means the same as an absent payload. `clientCertificateCsr` is the newer certificate-issuance member written by azure-sdk-for-c. Whitespace-only MQTT bodies sent by old SDKs are not JSON and are handled by the emulator before this schema. The 96 KB message limit is enforced by the harness, not this schema.
 */
export interface RegistrationRequestGa {
  registrationId?: RegistrationID;
  tpm?: TPMAttestationDeviceRequest;
  /**
   * Application data: a JSON object, passed verbatim to the webhook as `deviceRuntimeContext.payload`. `null` = no payload.
   */
  payload?: {
    [k: string]: unknown;
  } | null;
  clientCertificateCsr?: string;
}
/**
 * `TpmAttestation` of the register body: `endorsementKey` required, `storageRootKey` optional (docs/protocol/https.md). Both base64.
 */
export interface TPMAttestationDeviceRequest {
  endorsementKey: Base64Text;
  storageRootKey?: Base64Text1;
  [k: string]: unknown;
}
