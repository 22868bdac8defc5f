import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { checkInputFiles } from '../../preflight-paths.js';
import { usageError } from '../../../errors/harness-error.js';
import { verifyWebhookContract, type ContractInteractionResult } from '../../../contracts/verify-webhook-contract.js';
import { contractNotExercised } from '../../../contracts/contract-not-exercised.js';
import { webhookTarget } from '../../../contracts/webhook-target.js';
import { loadWebhookProfile } from '../../../webhook-profile/load-webhook-profile.js';
import { DIALECTS, type Dialect } from '../../../results/check-result.js';
import { SecretRedactor } from '../../../results/secret-redactor.js';
import type { ContractsVerifyOptions } from './options.js';
import { warnTo } from '../../warn-to.js';

// a refusal is skipped as the webhook suite skips it: the policy's answer, neither passed nor failed;
// so is an answer the verifier could not read for a limit of its own (never the webhook's failure)
const LABEL = { passed: 'PASS ', failed: 'FAIL ', errored: 'ERROR', refused: 'SKIP ', skipped: 'SKIP ' } as const;

interface Tally {
  passed: number;
  failed: number;
  refused: number;
  /** answers the verifier could not read (its own depth limit) */
  notJudged: number;
  notExercised: Dialect[];
}

function summaryLine(t: Tally): string {
  if (t.notExercised.length > 0) {
    const also = t.failed > 0 ? `, and ${t.failed} interaction(s) do not match it` : '';
    return `the contract was not exercised in ${t.notExercised.join(' and ')}: the webhook refused every interaction (give --profile FILE)${also}\n`;
  }
  if (t.failed > 0) return `${t.failed} interaction(s) do not match the contract\n`;
  if (t.notJudged > 0) return `${t.passed} interaction(s) match the contract; ${t.notJudged} could not be verified (a limit of the Pact verifier, see the SKIP lines)\n`;
  if (t.refused === 0) return 'every interaction matches the contract\n';
  return `every interaction the webhook accepted matches the contract (${t.passed} passed; ${t.refused} refused by its policy, not judged)\n`;
}

/**
 * `contracts verify`: one line per interaction. A clean refusal (a 4xx other than 401 and 429) is the
 * webhook's policy answering, as the webhook suite reads it (`SKIP`, with the answer); a dialect whose
 * every interaction was refused fails, with the same advice as `webhook.allocation.accepts` (give
 * --profile). Exit 0 when nothing failed and the contract was exercised, else 1.
 */
export const handle: CommandHandler<ContractsVerifyOptions> = async (options, context) => {
  const dialects: readonly Dialect[] = options.dialect === 'all' ? DIALECTS : [options.dialect];
  if (!dialects.every((d) => (DIALECTS as readonly string[]).includes(d))) {
    throw usageError(`--dialect must be ga, preview or all, got "${String(options.dialect)}"`);
  }
  webhookTarget(options.url, options.functionKey); // usage errors before any work
  await checkInputFiles([['--profile', options.profile]]);
  const profile = options.profile === undefined ? undefined : loadWebhookProfile(options.profile, warnTo(context));
  const redactor = new SecretRedactor().add(options.functionKey);
  const tally: Tally = { passed: 0, failed: 0, refused: 0, notJudged: 0, notExercised: [] };
  // whether the webhook accepted a ga interaction (ga runs first): a preview refused whole then points at the dialect
  let gaAccepted: boolean | undefined;
  for (const dialect of dialects) {
    let results: ContractInteractionResult[];
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
      if (result.outcome === 'passed') tally.passed += 1;
      else if (result.outcome === 'refused') tally.refused += 1;
      else if (result.outcome === 'skipped') tally.notJudged += 1;
      else tally.failed += 1;
      const detail = result.outcome === 'passed' ? '' : `: ${result.message}`;
      context.stdout.write(redactor.redact(`${LABEL[result.outcome]} ${dialect.padEnd(7)} ${result.interaction}${detail}\n`));
    }
    if (dialect === 'ga') gaAccepted = results.some((r) => r.evidence.response?.status === 200);
    const notExercised = contractNotExercised(results, { previewHint: dialect === 'preview' && gaAccepted !== false });
    if (notExercised) {
      tally.notExercised.push(dialect);
      context.stdout.write(redactor.redact(`FAIL  ${dialect.padEnd(7)} every interaction: ${notExercised.message}\n`));
    }
  }
  context.stdout.write(summaryLine(tally));
  return tally.failed === 0 && tally.notExercised.length === 0 ? ExitStatus.OK : ExitStatus.MUST_FAILED;
};
