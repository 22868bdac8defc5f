import { readFileSync } from 'node:fs';
import type { CommandHandler } from '../../command-context.js';
import { unreadableFileError } from '../../../errors/harness-error.js';
import { executeCheckRun } from '../../check-run/execute-check-run.js';
import { preflightRun } from '../../preflight-paths.js';
import { planWebhookRun } from '../../../../suites/webhook/plan-webhook-run.js';
import { buildWebhookSuite } from '../../../../suites/webhook/build-webhook-suite.js';
import { WebhookCaller } from '../../../../suites/webhook/webhook-caller.js';
import type { WebhookCommandOptions } from './options.js';
import { brokerPublishing, publishAfterRun } from './publish-verification-step.js';
import { warnTo } from '../../warn-to.js';

/**
 * `dps-conformance webhook`: acts as DPS towards a live webhook, judges every answer, writes the
 * report set. Exit 0 when every MUST check passed, 1 when one failed or errored, 2 for a usage or
 * configuration mistake or a harness fault.
 */
function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
}

export const handle: CommandHandler<WebhookCommandOptions> = async (options, context) => {
  const publish = brokerPublishing(options);
  await preflightRun(options, [['--ca', options.ca], ['--profile', options.profile], ['--cases', options.cases]]);
  const plan = planWebhookRun({
    ...(options.ca === undefined ? {} : { ca: readCa(options.ca) }),
    url: options.url,
    dialect: options.dialect,
    timeoutMs: options.timeout,
    signal: context.signal,
    onWarning: warnTo(context),
    ...(options.functionKey === undefined ? {} : { functionKey: options.functionKey }),
    ...(options.cases === undefined ? {} : { cases: options.cases }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
  });
  const status = await executeCheckRun({
    command: 'webhook',
    options,
    context,
    redactor: plan.target.redactor,
    build: (root, session) => {
      const caller = new WebhookCaller(plan.target, (reason) => session.markIncomplete(reason));
      buildWebhookSuite(root, plan, caller);
    },
  });
  return publish ? publishAfterRun(publish, options.out, status, context) : status;
};
