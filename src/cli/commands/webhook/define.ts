import type { Command } from 'commander';
import { addRunOptions, dialectOption, timeoutOption, type RunOptions } from '../../common-options.js';
import { lazyAction, optionsOf, type ActionSink } from '../../lazy-action.js';

export interface WebhookCommandOptions extends RunOptions {
  url: string;
  functionKey?: string;
  dialect: 'ga' | 'preview' | 'all';
  cases?: string;
  profile?: string;
  timeout: number;
  ca?: string;
}

export function defineWebhookCommand(program: Command, sink: ActionSink): void {
  addRunOptions(
    program
      .command('webhook')
      .description('the webhook suite against a live custom allocation webhook (the harness acts as DPS)')
      .requiredOption('--url <url>', 'the webhook URL, as DPS would call it')
      .option('--function-key <key>', 'Azure Functions key; sent as ?code= like DPS does, never written to reports')
      .addOption(dialectOption('ga'))
      .option('--ca <file>', 'extra CA certificate (PEM) to trust for an https webhook with a private CA')
      .option('--profile <file>', "make the corpus's devices look like ones the webhook's policy accepts (JSON, see docs/webhook-profiles.md)")
      .option('--cases <file>', 'your own expectations (JSON, see schemas/harness/cases.schema.json)')
      .addOption(timeoutOption('time limit for each webhook answer, in ms (our choice: DPS publishes none)', 10000)),
  ).action(lazyAction(sink, () => import('./handler.js'), (args) => optionsOf<WebhookCommandOptions>(args)));
}
