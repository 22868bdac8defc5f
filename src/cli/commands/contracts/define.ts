import type { Command } from 'commander';
import { lazyAction, type ActionSink } from '../../lazy-action.js';
import { dialectOption, WEBHOOK_DIALECT_HELP } from '../../common-options.js';

export interface ContractsExportOptions {
  dir: string;
}
export interface ContractsVerifyOptions {
  url: string;
  dialect: 'ga' | 'preview' | 'all';
  functionKey?: string;
  profile?: string;
}
export interface ContractsPublishOptions {
  brokerUrl: string;
  consumerVersion: string;
  branch?: string;
  tag?: string[];
  brokerToken?: string;
}

export function defineContractsCommand(program: Command, sink: ActionSink): void {
  const contracts = program.command('contracts').description('the Pact contracts: export, verify a provider, publish to a Pact Broker');
  contracts
    .command('export')
    .description('write the Pact files (both dialects) to DIR')
    .argument('<dir>', 'output directory')
    .action(lazyAction(sink, () => import('./export-handler.js'), (args) => ({ dir: args[0] as string })));
  contracts
    .command('verify')
    .description('verify a webhook (provider) against the DPS -> webhook contract with the Pact verifier')
    .requiredOption('--url <url>', 'the webhook URL')
    .addOption(dialectOption('ga', WEBHOOK_DIALECT_HELP))
    .option('--function-key <key>', 'Azure Functions key (sent as ?code=)')
    .option('--profile <file>', "make the interactions' devices look like ones the webhook's policy accepts (docs/webhook-profiles.md)")
    .action(lazyAction(sink, () => import('./verify-handler.js'), (args) => args[0] as ContractsVerifyOptions));
  contracts
    .command('publish')
    .description('publish the contracts to a Pact Broker')
    .requiredOption('--broker-url <url>', 'the Pact Broker base URL')
    .requiredOption('--consumer-version <version>', 'version of the consumer (the harness) to publish under')
    .option('--branch <branch>', 'consumer branch')
    .option('--tag <tag...>', 'consumer version tags')
    .option('--broker-token <token>', 'bearer token (or PACT_BROKER_TOKEN)')
    .action(lazyAction(sink, () => import('./publish-handler.js'), (args) => args[0] as ContractsPublishOptions));
}
