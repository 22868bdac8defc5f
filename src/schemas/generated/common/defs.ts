/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Definitions shared by every dps-conformance schema (both dialects, the adapter protocol and the harness files). This document only holds $defs; validating a document against its root accepts anything. Sources are in docs/protocol/README.md. Size: DPS caps a message at 96 KB (98304 bytes, docs/protocol/limits.md); JSON Schema cannot express a limit on the serialised size, so the harness enforces it, not these schemas.
 */
export interface SharedDefinitions {
  [k: string]: unknown;
}
