import type { Command } from 'commander';
import { lazyAction, type ActionSink } from '../../lazy-action.js';

export interface VerifyReportOptions {
  file: string;
  publicKey: string;
  results?: string;
}

export function defineVerifyReportCommand(program: Command, sink: ActionSink): void {
  program
    .command('verify-report')
    .description('check a signed statement (attestation.json) against the results it names')
    .argument('<file>', 'the attestation.json')
    .requiredOption('--public-key <pem>', 'the signer\'s Ed25519 public key (PEM file)')
    .option('--results <path>', 'the ctrf.json, when it is not beside the attestation')
    .action(
      lazyAction(sink, () => import('./handler.js'), (args) => {
        const options = args[1] as { publicKey: string; results?: string };
        return { file: args[0] as string, publicKey: options.publicKey, ...(options.results === undefined ? {} : { results: options.results }) };
      }),
    );
}
