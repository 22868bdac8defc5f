import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandHandler } from '../../command-context.js';
import { unreadableFileError } from '../../../errors/harness-error.js';
import { ExitStatus } from '../../exit-status.js';
import { packageVersion } from '../../../meta/package-info.js';
import { SUBJECT_NAME } from '../../../certify/conformance-statement.js';
import { formatVerification } from '../../../certify/format-verification.js';
import { loadPublicKey } from '../../../certify/key-files.js';
import { readAttestation } from '../../../certify/read-attestation.js';
import { computeSuiteDigests } from '../../../certify/suite-digests.js';
import { verifyAttestation } from '../../../certify/verify-attestation.js';
import type { VerifyReportOptions } from './options.js';

/** exit 0 verified, 1 not verified, 2 unreadable input (attestation, key or ctrf.json). */
export const handle: CommandHandler<VerifyReportOptions> = (options, { stdout }) => {
  const envelope = readAttestation(options.file);
  const publicKey = loadPublicKey(options.publicKey);
  const resultsPath = options.results ?? join(dirname(options.file), SUBJECT_NAME);
  let ctrf: Buffer;
  try {
    ctrf = readFileSync(resultsPath);
  } catch (error) {
    throw unreadableFileError(resultsPath, error);
  }
  const verification = verifyAttestation({ envelope, publicKey, ctrf, digests: computeSuiteDigests(), harnessVersion: packageVersion });
  stdout.write(formatVerification(verification, { attestation: options.file, results: resultsPath }));
  return Promise.resolve(verification.verified ? ExitStatus.OK : ExitStatus.MUST_FAILED);
};
