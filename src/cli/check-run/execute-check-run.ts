import type Mocha from 'mocha';
import type { KeyObject } from 'node:crypto';
import type { CommandContext } from '../command-context.js';
import type { RunOptions } from '../common-options.js';
import { ExitStatus } from '../exit-status.js';
import { applyWaivers, formatWaiverWarnings, loadDeclaration, loadSigningKey, loadWaivers, signReportDir } from '../../certify/index.js';
import type { ImplementationDeclaration, Waiver } from '../../certify/index.js';
import { isBlocking, type CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import type { SecretRedactor } from '../../results/secret-redactor.js';
import { ReportSetReporter, type ReportSetReporterOptions } from '../../../reporters/report-set-reporter.js';
import { createRunInfo } from '../../runner/create-run-info.js';
import { githubAnnotations } from '../../runner/github-annotations.js';
import { runChecks } from './run-checks.js';

/** What a suite's builder gets besides mocha's root suite. */
export interface CheckRunSession {
  runInfo: RunInfo;
  declaration: ImplementationDeclaration | undefined;
  redactor: SecretRedactor;
  signal: AbortSignal;
  /** marks the run incomplete (e.g. a target stopped answering and the rest was not run) */
  markIncomplete(reason: string): void;
}

export interface CheckRunRequest {
  command: string;
  options: RunOptions;
  context: CommandContext;
  redactor: SecretRedactor;
  build: (root: Mocha.Suite, session: CheckRunSession) => void | Promise<void>;
  /** released after the run, whatever happened (emulators, adapters, servers) */
  cleanup?: () => Promise<void>;
}

/**
 * The one way `run`, `webhook` and `device` run checks: loads the declaration, waivers and signing key
 * before anything starts (a bad file is exit 2 before a target is touched), runs the suites through the
 * report-set reporter with redaction and waivers applied to every result, signs the results when asked,
 * and turns the outcome into the exit status of docs/contract/cli.md.
 */
export async function executeCheckRun(request: CheckRunRequest): Promise<number> {
  const { options, context, redactor } = request;
  const declaration = options.declare === undefined ? undefined : loadDeclaration(options.declare);
  const waivers: Waiver[] = options.waivers === undefined ? [] : loadWaivers(options.waivers);
  const signingKey: KeyObject | undefined = options.sign === undefined ? undefined : loadSigningKey(options.sign);

  const runInfo = createRunInfo(request.command, {
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(declaration === undefined ? {} : { declaration }),
  });
  const session: CheckRunSession = {
    runInfo,
    declaration,
    redactor,
    signal: context.signal,
    markIncomplete(reason) {
      runInfo.incomplete = true;
      runInfo.incompleteReason ??= reason;
    },
  };
  const usedWaivers = new Set<Waiver>();
  const postProcess = (results: CheckResult[]): CheckResult[] => {
    const redacted = results.map((r) => redactor.redactDeep(r));
    if (waivers.length === 0) return redacted;
    const outcome = applyWaivers(redacted, waivers);
    for (const w of waivers) if (!outcome.unused.includes(w)) usedWaivers.add(w);
    return outcome.results;
  };
  const reporterOptions: ReportSetReporterOptions = {
    runInfo,
    outDir: options.out,
    console: options.reporter,
    stream: context.stdout,
    isTTY: context.isTTY,
    postProcess,
  };

  let outcome;
  try {
    outcome = await runChecks({
      reporter: ReportSetReporter,
      reporterOptions,
      build: (root) => request.build(root, session),
      signal: context.signal,
    });
  } finally {
    await request.cleanup?.();
  }
  const { results, aborted } = outcome;

  if (waivers.length > 0) {
    const warnings = applyWaivers([], waivers);
    const unused = waivers.filter((w) => !usedWaivers.has(w) && !warnings.expired.includes(w));
    for (const line of formatWaiverWarnings({ expired: warnings.expired, unused })) context.stderr.write(`${line}\n`);
  }
  if (signingKey) {
    const signed = await signReportDir(options.out, { runInfo: outcome.runInfo, privateKeyPem: signingKey, ...(declaration === undefined ? {} : { declaration }) });
    if (options.reporter !== 'json') context.stdout.write(`signed statement written to ${signed.path}\n`);
  }
  for (const line of githubAnnotations(results)) context.stdout.write(`${line}\n`);

  if (aborted) {
    context.stderr.write(`dps-conformance: interrupted; the results so far are in ${options.out} (marked incomplete)\n`);
    return ExitStatus.HARNESS_ERROR;
  }
  if (results.some((r) => r.harnessFault)) {
    context.stderr.write('dps-conformance: the harness itself failed on some checks (see the results marked harness fault); please report this\n');
    return ExitStatus.HARNESS_ERROR;
  }
  return results.some(isBlocking) ? ExitStatus.MUST_FAILED : ExitStatus.OK;
}
