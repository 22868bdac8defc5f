import { invalidConfigError } from '../errors/harness-error.js';
import { readJsonFile } from '../json/parse-json-file.js';
import { formatReadableErrors } from '../schemas/readable-errors.js';
import { getSchemaRegistry } from '../schemas/schema-registry.js';
import type { DsseEnvelope } from './dsse.js';

/**
 * Reads an attestation.json and checks it against the schema `report/attestation` (a DSSE envelope).
 * Unreadable, not JSON or not an envelope is a HarnessError (exit 2) naming the file and, for each
 * problem, its JSON Pointer and what was expected.
 */
export function readAttestation(path: string): DsseEnvelope {
  const checked = getSchemaRegistry().check('report/attestation', readJsonFile(path));
  if (!checked.valid) throw invalidConfigError(path, formatReadableErrors(checked.errors));
  const { payloadType, payload, signatures } = checked.value;
  return { payloadType, payload, signatures: signatures.map((s) => ({ keyid: s.keyid ?? '', sig: s.sig })) };
}
