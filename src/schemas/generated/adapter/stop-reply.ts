/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Request sequence number; the reply echoes it.
 */
export type SequenceNumber = number;

/**
 * Adapter -> harness answer to `stop` (docs/contract/adapter-protocol.md): `{"seq":3,"stopped":true}`; the adapter exits afterwards. Unknown members allowed.
 */
export interface AdapterStopReply {
  seq: SequenceNumber;
  stopped: true;
  [k: string]: unknown;
}
