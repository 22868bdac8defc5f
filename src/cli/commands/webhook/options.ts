import { Command } from '@commander-js/extra-typings';
import { addRunOptions, dialectOption, docsUrlOption, timeoutOption, WEBHOOK_DIALECT_HELP } from '../../common-options.js';
import type { OptionsOf } from '../../lazy-action.js';

/** `webhook`'s command line; its handler's options are inferred from these definitions. */
export function webhookCommand() {
  return addRunOptions(
    new Command('webhook')
      .description('the webhook suite against a live custom allocation webhook (the harness acts as DPS)')
      .requiredOption('--url <url>', 'the webhook URL, as DPS would call it')
      .option('--function-key <key>', 'Azure Functions key; sent as ?code= like DPS does, never written to reports')
      .addOption(dialectOption(WEBHOOK_DIALECT_HELP).default('ga'))
      .addOption(docsUrlOption())
      .option('--ca <file>', 'extra CA certificate (PEM) to trust for an https webhook with a private CA')
      .option('--profile <file>', "make the corpus's devices look like ones the webhook's policy accepts (JSON, see docs/webhook-profiles.md)")
      .option('--cases <file>', 'your own expectations (JSON, see schemas/harness/cases.schema.json)')
      .addOption(timeoutOption('time limit for each webhook answer, in ms (our choice: DPS publishes none)', 10000))
      // Pact Broker: publish the contract verification (docs/pact-broker.md); auth from PACT_BROKER_TOKEN or _USERNAME/_PASSWORD
      .option('--broker-url <url>', 'publish the Pact verification results to this Pact Broker (needs --provider-version)')
      .option('--provider-version <version>', 'the webhook version that was verified (a commit, ideally)')
      .option('--provider-branch <branch>', "the webhook's branch, so can-i-deploy can answer for it")
      .option('--build-url <url>', 'link to the CI build, shown by the broker'),
  );
}

export type WebhookCommandOptions = OptionsOf<ReturnType<typeof webhookCommand>>;
