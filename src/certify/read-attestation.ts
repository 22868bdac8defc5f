import { invalidConfigError } from '../errors/harness-error.js';
import { readJsonFile } from '../json/parse-json-file.js';
import type { DsseEnvelope } from './dsse.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The envelope shape problems of a value, empty when it is a DSSE envelope. */
export function envelopeProblems(value: unknown): string[] {
  if (!isObject(value)) return ['(document): expected a DSSE envelope object {payloadType, payload, signatures}'];
  const problems: string[] = [];
  if (typeof value.payloadType !== 'string') problems.push('/payloadType: expected a string');
  if (typeof value.payload !== 'string' || !BASE64.test(value.payload)) problems.push('/payload: expected a base64 string');
  if (!Array.isArray(value.signatures) || value.signatures.length === 0) problems.push('/signatures: expected a non-empty array');
  else {
    value.signatures.forEach((s: unknown, i: number) => {
      if (!isObject(s) || typeof s.sig !== 'string' || !BASE64.test(s.sig)) problems.push(`/signatures/${i}/sig: expected a base64 string`);
      else if (s.keyid !== undefined && typeof s.keyid !== 'string') problems.push(`/signatures/${i}/keyid: expected a string`);
    });
  }
  return problems;
}

/** Reads an attestation.json; unreadable, not JSON or not an envelope is a HarnessError (exit 2). */
export function readAttestation(path: string): DsseEnvelope {
  const value = readJsonFile(path);
  const problems = envelopeProblems(value);
  if (problems.length > 0) throw invalidConfigError(path, problems);
  const envelope = value as { payloadType: string; payload: string; signatures: { keyid?: string; sig: string }[] };
  return {
    payloadType: envelope.payloadType,
    payload: envelope.payload,
    signatures: envelope.signatures.map((s) => ({ keyid: s.keyid ?? '', sig: s.sig })),
  };
}
