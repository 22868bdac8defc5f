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
/**
 * Attestation mechanism of a device or enrollment, spelled as DPS spells `attestation.type`.
 */
export type AttestationKind = 'symmetricKey' | 'x509' | 'tpm';

/**
 * Adapter -> harness answer to `start` (docs/contract/adapter-protocol.md): who the implementation is and what it claims (dialects, transports, attestations); `device` and `run` test every claimed dialect unless `--dialect` narrows it. Unknown members allowed.
 */
export interface AdapterStartReply {
  seq: SequenceNumber;
  implementation: ImplementationIdentity;
  /**
   * @minItems 1
   */
  dialects: [Dialect, ...Dialect[]];
  /**
   * @minItems 1
   */
  transports: [DeviceTransport, ...DeviceTransport[]];
  /**
   * @minItems 1
   */
  attestations: [AttestationKind, ...AttestationKind[]];
  [k: string]: unknown;
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
