import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError, HarnessErrorCode, unreadableFileError } from '../errors/harness-error.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import type { RunInfo } from '../results/run-info.js';
import { buildStatement, IN_TOTO_PAYLOAD_TYPE, SUBJECT_NAME, type ConformanceStatement } from './conformance-statement.js';
import { signEnvelope, type DsseEnvelope } from './dsse.js';
import { keyIdOf, parseSigningKey } from './key-files.js';
import { computeSuiteDigests, type SuiteDigests } from './suite-digests.js';

export const ATTESTATION_FILE = 'attestation.json';

export interface SignResultsInput {
  /** the exact bytes of ctrf.json as written (give this or `ctrfPath`) */
  ctrf?: Uint8Array | string;
  ctrfPath?: string;
  runInfo: RunInfo;
  /** the `--declare` file's content; defaults to `runInfo.declaration` */
  declaration?: unknown;
  /** an Ed25519 private key: PEM text, or a KeyObject from `loadSigningKey` */
  privateKeyPem: string | KeyObject;
  /** defaults to this harness's (computeSuiteDigests) */
  digests?: SuiteDigests;
}

/** Serialises a statement and signs it into a DSSE envelope. */
export function signStatement(statement: ConformanceStatement, privateKey: KeyObject): DsseEnvelope {
  return signEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement), 'utf8'), privateKey, keyIdOf(privateKey));
}

/**
 * `--sign KEY`: a DSSE envelope holding an in-toto Statement that binds ctrf.json (by sha256) to the
 * harness version, the digests of the schemas, contracts and corpus, the declaration, and the counts
 * and verdict. Write it with `writeAttestation`. Bad key or unreadable ctrf.json: HarnessError (exit 2).
 */
export async function signResults(input: SignResultsInput): Promise<DsseEnvelope> {
  let ctrf = input.ctrf;
  if (ctrf === undefined) {
    if (input.ctrfPath === undefined) throw new HarnessError(HarnessErrorCode.INTERNAL, 'internal error: signResults needs ctrf or ctrfPath');
    try {
      ctrf = await readFile(input.ctrfPath);
    } catch (error) {
      throw unreadableFileError(input.ctrfPath, error);
    }
  }
  const key = typeof input.privateKeyPem === 'string' ? parseSigningKey(input.privateKeyPem) : input.privateKeyPem;
  const statementInput: Parameters<typeof buildStatement>[0] = { ctrf, runInfo: input.runInfo, digests: input.digests ?? computeSuiteDigests() };
  if (input.declaration !== undefined) statementInput.declaration = input.declaration;
  return signStatement(buildStatement(statementInput), key);
}

/** Writes the envelope as `attestation.json` in `outDir` (atomically); resolves with its path. */
export async function writeAttestation(outDir: string, envelope: DsseEnvelope): Promise<string> {
  const path = join(outDir, ATTESTATION_FILE);
  try {
    await writeFileAtomic(path, `${JSON.stringify(envelope, null, 2)}\n`);
  } catch (error) {
    throw new HarnessError(HarnessErrorCode.UNREADABLE_FILE, `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { path }, { cause: error });
  }
  return path;
}

/** Signs the ctrf.json a run has just written to `outDir` and writes attestation.json beside it. */
export async function signReportDir(
  outDir: string,
  input: Omit<SignResultsInput, 'ctrf' | 'ctrfPath'>,
): Promise<{ path: string; envelope: DsseEnvelope }> {
  const envelope = await signResults({ ...input, ctrfPath: join(outDir, SUBJECT_NAME) });
  return { path: await writeAttestation(outDir, envelope), envelope };
}
