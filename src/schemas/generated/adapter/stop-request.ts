/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Request sequence number; the reply echoes it.
 */
export type SequenceNumber = number;

/**
 * Harness -> adapter (docs/contract/adapter-protocol.md): `{"seq":3,"cmd":"stop"}`; the adapter replies `{"seq":3,"stopped":true}` and exits. Unknown members allowed.
 */
export interface AdapterStopRequest {
  seq: SequenceNumber;
  cmd: 'stop';
  [k: string]: unknown;
}
