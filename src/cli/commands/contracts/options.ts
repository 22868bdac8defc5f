import { Command } from '@commander-js/extra-typings';
import { dialectOption, WEBHOOK_DIALECT_HELP } from '../../common-options.js';
import type { OptionsOf } from '../../lazy-action.js';

/** `contracts export DIR`'s command line. */
export function contractsExportCommand() {
  return new Command('export').description('write the Pact files (both dialects) to DIR').argument('<dir>', 'output directory');
}

/** What the export handler takes: the directory argument. */
export function contractsExportOptions([dir]: [string]): { dir: string } {
  return { dir };
}

export type ContractsExportOptions = ReturnType<typeof contractsExportOptions>;

/** `contracts verify`'s command line; its handler's options are inferred from these definitions. */
export function contractsVerifyCommand() {
  return new Command('verify')
    .description('verify a webhook (provider) against the DPS -> webhook contract with the Pact verifier')
    .requiredOption('--url <url>', 'the webhook URL')
    .addOption(dialectOption(WEBHOOK_DIALECT_HELP).default('ga'))
    .option('--function-key <key>', 'Azure Functions key (sent as ?code=)')
    .option('--profile <file>', "make the interactions' devices look like ones the webhook's policy accepts (docs/webhook-profiles.md)");
}

export type ContractsVerifyOptions = OptionsOf<ReturnType<typeof contractsVerifyCommand>>;

/** `contracts publish`'s command line; its handler's options are inferred from these definitions. */
export function contractsPublishCommand() {
  return new Command('publish')
    .description('publish the contracts to a Pact Broker')
    .requiredOption('--broker-url <url>', 'the Pact Broker base URL')
    .requiredOption('--consumer-version <version>', 'version of the consumer (the harness) to publish under')
    .option('--branch <branch>', 'consumer branch')
    .option('--tag <tag...>', 'consumer version tags')
    .option('--broker-token <token>', 'bearer token (or PACT_BROKER_TOKEN)');
}

export type ContractsPublishOptions = OptionsOf<ReturnType<typeof contractsPublishCommand>>;
