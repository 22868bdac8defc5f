/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Request sequence number; the reply echoes it.
 */
export type SequenceNumber = number;

/**
 * Harness -> adapter, first line of adapter protocol v1 (docs/contract/adapter-protocol.md): `{"seq":1,"cmd":"start","version":1}`. Like every protocol message it is one JSON object on one line; unknown members are allowed so the protocol can gain fields without breaking adapters (docs/contract/README.md: the project extends the contract, never renames).
 */
export interface AdapterStartRequest {
  seq: SequenceNumber;
  cmd: 'start';
  /**
   * Adapter protocol version.
   */
  version: 1;
  [k: string]: unknown;
}
