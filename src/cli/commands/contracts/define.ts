import type { Command } from '@commander-js/extra-typings';
import { lazyAction, lazyActionWith, type ActionSink } from '../../lazy-action.js';
import {
  contractsExportCommand,
  contractsExportOptions,
  contractsPublishCommand,
  contractsVerifyCommand,
} from './options.js';

export function defineContractsCommand(program: Command, sink: ActionSink): void {
  const contracts = program
    .command('contracts')
    .description('the Pact contracts: export, verify a provider, publish to a Pact Broker');
  contracts.addCommand(
    lazyActionWith(contractsExportCommand(), sink, () => import('./export-handler.js'), contractsExportOptions),
  );
  contracts.addCommand(lazyAction(contractsVerifyCommand(), sink, () => import('./verify-handler.js')));
  contracts.addCommand(lazyAction(contractsPublishCommand(), sink, () => import('./publish-handler.js')));
}
