import type Mocha from 'mocha';
import type { KeyObject } from 'node:crypto';
import type { CommandContext } from '../command-context.js';
import type { RunOptions } from '../common-options.js';
import { ExitStatus } from '../exit-status.js';
import { applyWaivers, ATTESTATION_FILE, keyIdOf, loadDeclaration, loadSigningKey, loadWaivers, signReportDir, waiverSummary } from '../../certify/index.js';
import type { ImplementationDeclaration, Waiver } from '../../certify/index.js';
import { isBlocking, type CheckResult, type ImplementationRef } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import type { SecretRedactor } from '../../results/secret-redactor.js';
import { ReportSetReporter, type ReportSetReporterOptions } from '../../../reporters/report-set-reporter.js';
import { createRunInfo } from '../../runner/create-run-info.js';
import type { Attachment } from '../../report/write-report-set.js';
import { labelOf } from '../../report/format/implementation-label.js';
import { githubAnnotations } from '../../runner/github-annotations.js';
import { runChecks } from './run-checks.js';

/** The implementation name of the harness's own results (a harness fault): `--docs-url` is never theirs. */
const HARNESS_NAME = 'dps-conformance';

/** How reports name an implementation (docs/contract/reports.md): its display name and where its notes are. */
export interface ImplementationNaming {
  displayName?: string;
  docsUrl?: string;
}

/** What a suite's builder gets besides mocha's root suite. */
export interface CheckRunSession {
  runInfo: RunInfo;
  declaration: ImplementationDeclaration | undefined;
  redactor: SecretRedactor;
  signal: AbortSignal;
  /** marks the run incomplete (e.g. a target stopped answering and the rest was not run) */
  markIncomplete(reason: string): void;
  /** gives the implementation that reports as `name` the one display name every report uses, and its notes */
  nameImplementation(name: string, naming: ImplementationNaming): void;
  /** copies a file into the report directory at `relativePath` with the reports (a README a report links to) */
  attach(relativePath: string, sourcePath: string): void;
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
    // the results are signed after the reports are written: the reports say so, and with which key
    ...(signingKey === undefined ? {} : { signature: { keyId: keyIdOf(signingKey), file: ATTESTATION_FILE } }),
  });
  const naming = new Map<string, ImplementationNaming>();
  const attachments: Attachment[] = [];
  const session: CheckRunSession = {
    runInfo,
    declaration,
    redactor,
    signal: context.signal,
    markIncomplete(reason) {
      runInfo.incomplete = true;
      runInfo.incompleteReason ??= reason;
    },
    nameImplementation(name, given) {
      naming.set(name, given);
    },
    attach(relativePath, sourcePath) {
      attachments.push({ relativePath, sourcePath });
    },
  };
  /** The run's implementations under their display names; `--docs-url` names the notes of the one under test. */
  const namedImplementation = (implementation: ImplementationRef): ImplementationRef => {
    const docs = options.docsUrl === undefined || implementation.name === HARNESS_NAME ? undefined : { docsUrl: options.docsUrl };
    const given = naming.get(implementation.name) ?? docs;
    return given === undefined ? implementation : { ...implementation, ...given };
  };
  const named = (result: CheckResult): CheckResult => {
    const implementation = namedImplementation(result.implementation);
    return implementation === result.implementation ? result : { ...result, implementation };
  };
  const postProcess = (results: CheckResult[]): CheckResult[] => {
    const redacted = results.map((r) => named(redactor.redactDeep(r)));
    if (waivers.length === 0) return redacted;
    const outcome = applyWaivers(redacted, waivers);
    return outcome.results;
  };
  // once every result is in, before any report is written: what the waivers did is part of the reports (and of what is signed)
  const describeRun = (results: readonly CheckResult[]): void => {
    if (waivers.length === 0) return;
    runInfo.waivers = waiverSummary(waivers, results);
  };
  const reporterOptions: ReportSetReporterOptions = {
    runInfo,
    outDir: options.out,
    console: options.reporter,
    stream: context.stdout,
    warnings: context.stderr,
    isTTY: context.isTTY,
    postProcess,
    describeRun,
    attachments,
    labelImplementation: (implementation) => labelOf(namedImplementation(implementation)),
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

  if (signingKey) {
    const signed = await signReportDir(options.out, {
      runInfo: outcome.runInfo,
      privateKeyPem: signingKey,
      ...(declaration === undefined ? {} : { declaration }),
    });
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
