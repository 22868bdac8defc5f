/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Standard base64 (RFC 4648 section 4), padded.
 */
export type Base64Text = string;

/**
 * attestation.json, written by `--sign` and read by `verify-report`: a DSSE envelope (https://github.com/secure-systems-lab/dsse, envelope.md) whose payload is the base64 of an in-toto Statement v1 (docs/certification.md). The signature is checked against the DSSE pre-authentication encoding; this schema checks the shape only. Members DSSE does not define are allowed, as DSSE says a reader must ignore them.
 */
export interface AttestationEnvelope {
  payloadType: string;
  payload: Base64Text;
  /**
   * @minItems 1
   */
  signatures: [EnvelopeSignature, ...EnvelopeSignature[]];
  [k: string]: unknown;
}
export interface EnvelopeSignature {
  /**
   * a hint: which key signed (DSSE leaves it optional); dps-conformance writes `sha256:` + the SHA-256 of the public key (SPKI DER)
   */
  keyid?: string;
  sig: Base64Text;
  [k: string]: unknown;
}
