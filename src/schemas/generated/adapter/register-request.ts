/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Request sequence number; the reply echoes it.
 */
export type SequenceNumber = number;
/**
 * Wire vocabulary of the custom-data feature (docs/contract/dialects.md): `ga` (api-version 2019-03-31 and later, `payload` objects) or `preview` (2019 preview documentation, `data` / `returnData`).
 */
export type Dialect = 'ga' | 'preview';
/**
 * Transport a device implementation registers over (adapter protocol v1, docs/contract/adapter-protocol.md).
 */
export type DeviceTransport = 'https' | 'mqtt' | 'mqtt-ws' | 'amqp';
export type Port = number;
/**
 * DPS ID scope. The format `0ne` + 8 hex digits is observed only (e.g. `0ne00111111`, `0neFEEDC0DE`), not formally documented (docs/protocol/identifiers.md); kept as the pattern because every known scope matches it.
 */
export type IDScope = string;
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
 * Standard base64 (RFC 4648 section 4, with padding).
 */
export type Base64Text2 = string;

/**
 * Harness -> adapter (docs/contract/adapter-protocol.md): make the implementation register with the emulator at `endpoint` over `transport` in `dialect`, sending `data` as its own API allows, and report what it returned. `data` absent = the application supplies no data; when present it is any JSON value (the corpus uses objects only for ga, but non-object values are how robustness cases probe an implementation). The `x509` and `tpm` attestation shapes (PEM certificate + key; endorsement and storage root keys) are our choice, docs/contract/adapter-protocol.md only shows `symmetricKey`. Secrets in this message (`key`, `keyPem`) are redacted in every report. Unknown members allowed.
 */
export interface AdapterRegisterRequest {
  seq: SequenceNumber;
  cmd: 'register';
  dialect: Dialect;
  transport: DeviceTransport;
  endpoint: EmulatorEndpoint;
  idScope: IDScope;
  registrationId: RegistrationID;
  attestation: SymmetricKeyAttestation | X509AttestationOurChoice | TPMAttestationOurChoiceProvisional;
  data?: unknown;
  /**
   * Time the adapter has to reply.
   */
  timeoutMs: number;
  [k: string]: unknown;
}
export interface EmulatorEndpoint {
  host: string;
  httpsPort: Port;
  mqttPort: Port;
  /**
   * PEM of the CA that issued the emulator's TLS certificate; the implementation must trust it.
   */
  caPem: string;
  [k: string]: unknown;
}
/**
 * `key`: the device key, base64 (for a group enrollment, already derived from the group key).
 */
export interface SymmetricKeyAttestation {
  type: 'symmetricKey';
  key: Base64Text;
  [k: string]: unknown;
}
/**
 * `certPem`: device certificate (subject CN = registrationId), optionally followed by its chain; `keyPem`: its private key.
 */
export interface X509AttestationOurChoice {
  type: 'x509';
  certPem: string;
  keyPem: string;
  [k: string]: unknown;
}
/**
 * Endorsement and storage root keys, base64. TPM registration is HTTPS/AMQP only (docs/protocol/https.md, docs/protocol/mqtt.md).
 */
export interface TPMAttestationOurChoiceProvisional {
  type: 'tpm';
  endorsementKey: Base64Text1;
  storageRootKey?: Base64Text2;
  [k: string]: unknown;
}
