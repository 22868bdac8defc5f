import type { Command } from 'commander';
import { lazyAction, type ActionSink } from '../../lazy-action.js';

export interface VerifyReportOptions {
  file: string;
  publicKey: string;
}

export function defineVerifyReportCommand(program: Command, sink: ActionSink): void {
  program
    .command('verify-report')
    .description('check a signed statement (attestation.json) against the results it names')
    .argument('<file>', 'the attestation.json')
    .requiredOption('--public-key <pem>', 'the signer\'s Ed25519 public key (PEM file)')
    .action(
      lazyAction(sink, () => import('./handler.js'), (args) => ({ file: args[0] as string, publicKey: (args[1] as { publicKey: string }).publicKey })),
    );
}
