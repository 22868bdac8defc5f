import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { checkInputFiles } from '../../preflight-paths.js';
import { usageError } from '../../../errors/harness-error.js';
import { verifyWebhookContract } from '../../../contracts/verify-webhook-contract.js';
import { webhookTarget } from '../../../contracts/webhook-target.js';
import { loadWebhookProfile } from '../../../webhook-profile/load-webhook-profile.js';
import { DIALECTS, type Dialect } from '../../../results/check-result.js';
import { SecretRedactor } from '../../../results/secret-redactor.js';
import type { ContractsVerifyOptions } from './define.js';

const LABEL = { passed: 'PASS ', failed: 'FAIL ', errored: 'ERROR', skipped: 'SKIP ' } as const;

/** `contracts verify`: one line per interaction, exit 0 when every interaction passed, else 1. */
export const handle: CommandHandler<ContractsVerifyOptions> = async (options, context) => {
  const dialects: readonly Dialect[] = options.dialect === 'all' ? DIALECTS : [options.dialect];
  if (!dialects.every((d) => (DIALECTS as readonly string[]).includes(d))) {
    throw usageError(`--dialect must be ga, preview or all, got "${String(options.dialect)}"`);
  }
  webhookTarget(options.url, options.functionKey); // usage errors before any work
  await checkInputFiles([['--profile', options.profile]]);
  const profile = options.profile === undefined ? undefined : loadWebhookProfile(options.profile);
  const redactor = new SecretRedactor().add(options.functionKey);
  let failures = 0;
  for (const dialect of dialects) {
    let results;
    try {
      results = await verifyWebhookContract(options.url, dialect, {
        ...(options.functionKey === undefined ? {} : { functionKey: options.functionKey }),
        signal: context.signal,
        ...(profile === undefined ? {} : { profile }),
      });
    } catch (error) {
      if (!context.signal.aborted) throw error;
      context.stderr.write('dps-conformance: interrupted; contract verification stopped\n');
      return ExitStatus.HARNESS_ERROR;
    }
    for (const result of results) {
      if (result.outcome === 'failed' || result.outcome === 'errored') failures += 1;
      const detail = result.passed ? '' : `: ${result.message}`;
      context.stdout.write(redactor.redact(`${LABEL[result.outcome]} ${dialect.padEnd(7)} ${result.interaction}${detail}\n`));
    }
  }
  context.stdout.write(failures === 0 ? 'every interaction matches the contract\n' : `${failures} interaction(s) do not match the contract\n`);
  return failures === 0 ? ExitStatus.OK : ExitStatus.MUST_FAILED;
};
