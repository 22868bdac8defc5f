import { Command } from '@commander-js/extra-typings';
import type { OptionsOf } from '../../lazy-action.js';

/** `verify-report FILE`'s command line. */
export function verifyReportCommand() {
  return new Command('verify-report')
    .description('check a signed statement (attestation.json) against the results it names')
    .argument('<file>', 'the attestation.json')
    .requiredOption('--public-key <pem>', 'the signer\'s Ed25519 public key (PEM file)')
    .option('--results <path>', 'the ctrf.json, when it is not beside the attestation');
}

/** What the handler takes: the attestation file and the options. */
export function verifyReportOptions([file]: [string], options: OptionsOf<ReturnType<typeof verifyReportCommand>>) {
  return { file, ...options };
}

export type VerifyReportOptions = ReturnType<typeof verifyReportOptions>;
