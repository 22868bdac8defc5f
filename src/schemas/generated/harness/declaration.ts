/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Wire vocabulary of the custom-data feature (docs/contract/dialects.md): `ga` (api-version 2019-03-31 and later, `payload` objects) or `preview` (2019 preview documentation, `data` / `returnData`).
 */
export type Dialect = 'ga' | 'preview';
/**
 * Transport a device implementation registers over (adapter protocol v1, docs/contract/adapter-protocol.md).
 */
export type DeviceTransport = 'https' | 'mqtt' | 'mqtt-ws' | 'amqp';
/**
 * Attestation mechanism of a device or enrollment, spelled as DPS spells `attestation.type`.
 */
export type AttestationKind = 'symmetricKey' | 'x509' | 'tpm';

/**
 * What a vendor claims for `--declare FILE`: the implementation's identity and the dialects, transports and attestations it supports. Results are judged against the claim (a claimed but failing combination is a failure; an unclaimed one is skipped). Device transports are those of the adapter protocol; a webhook declares `http`. `transports` and `attestations` are optional because a webhook has no attestation. Unknown members are rejected to catch typos.
 */
export interface ImplementationDeclaration {
  implementation: ImplementationIdentity;
  /**
   * @minItems 1
   */
  dialects: [Dialect, ...Dialect[]];
  /**
   * @minItems 1
   */
  transports?: [DeviceTransport | 'http', ...(DeviceTransport | 'http')[]];
  /**
   * @minItems 1
   */
  attestations?: [AttestationKind, ...AttestationKind[]];
}
/**
 * Who is under test: `name` and `version` required; `language` and `homepage` optional.
 */
export interface ImplementationIdentity {
  name: string;
  version: string;
  language?: string;
  homepage?: string;
  [k: string]: unknown;
}
