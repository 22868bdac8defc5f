import { parseHttpUrl } from '../../src/http/parse-http-url.js';
import { DIALECTS, type Dialect } from '../../src/results/check-result.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { prewarmWebhookVerifier } from '../../src/contracts/verify-webhook-process.js';
import { corpusSkipReason } from '../corpus/corpus-case.js';
import { profiledCorpus, profiledSpecFor } from '../corpus/profiled-corpus.js';
import { buildAllocationRequest } from '../../src/dps/build-allocation-request.js';
import { loadWebhookProfile } from '../../src/webhook-profile/load-webhook-profile.js';
import { EMPTY_PROFILE, isRegistrationId } from '../../src/webhook-profile/webhook-profile.js';
import { invalidConfigError } from '../../src/errors/harness-error.js';
import { BASELINE_CASE_ID, baselineRelation } from './robustness-baseline.js';
import { parseShard, shardItems } from '../corpus/shard-cases.js';
import { loadUserCases } from './load-user-cases.js';
import { isRunnable, type PlannedCase, type RunnableCase } from './planned-case.js';
import type { WebhookRunPlan } from './webhook-run-plan.js';

export interface WebhookRunRequest {
  url: string;
  functionKey?: string;
  dialect: Dialect | 'all';
  cases?: string;
  /** a `--profile` file (schemas/harness/webhook-profile.schema.json) */
  profile?: string;
  timeoutMs: number;
  shard?: string;
  ca?: string;
  signal?: AbortSignal;
  /** hears what the harness read otherwise than written (a profile's or case file's `data`, read as `payload`) */
  onWarning?: (message: string) => void;
}

/**
 * Decides the whole run before any request: the target (with every secret registered for redaction),
 * the dialects, the corpus cases per dialect as the profile's devices make them (with skip reasons:
 * a dialect the case is not for, or a profile the case is not applicable under), the user cases, and
 * this shard's share. Every mistake is a usage or configuration error (exit 2). When the run includes the run-wide
 * checks, one Pact verifier child per dialect is forked right away (before the corpus is loaded), so
 * that its slow start overlaps with everything that follows.
 */
export function planWebhookRun(request: WebhookRunRequest): WebhookRunPlan {
  const url = parseHttpUrl(request.url, '--url');
  const redactor = new SecretRedactor().add(request.functionKey);
  const keyInUrl = url.searchParams.get('code');
  if (keyInUrl) redactor.add(keyInUrl);
  const dialects: Dialect[] = request.dialect === 'all' ? [...DIALECTS] : [request.dialect];
  const shard = request.shard === undefined ? undefined : parseShard(request.shard);
  const runWideChecks = shard === undefined || shard.index === 1;
  // the contract checks' children are the run's slowest start: begin it before the corpus is loaded
  if (runWideChecks) prewarmWebhookVerifier(dialects.length);

  const profile = request.profile === undefined ? EMPTY_PROFILE : loadWebhookProfile(request.profile, request.onWarning);
  const corpus = profiledCorpus(profile);
  const baselineEntry = corpus.find((e) => e.id === BASELINE_CASE_ID);
  const cases: PlannedCase[] = [];
  const problems: string[] = [];
  for (const dialect of dialects) {
    for (const entry of corpus) {
      const skipReason = corpusSkipReason(entry, dialect);
      if (skipReason !== undefined) {
        if (entry.dialects.includes(dialect)) cases.push({ caseId: entry.id, dialect, title: entry.title, skipReason });
        continue;
      }
      const profiled = profiledSpecFor(entry, dialect, profile, url.toString());
      if ('notApplicable' in profiled) {
        // the case's point is a member the profile sets otherwise: one skipped result says so
        cases.push({ caseId: entry.id, dialect, title: entry.title, skipReason: profiled.notApplicable });
        continue;
      }
      const { spec } = profiled;
      if (!isRegistrationId(spec.registrationId)) problems.push(`/registrationId: makes "${spec.registrationId}" for case ${entry.id}, which is not a valid DPS registration ID`);
      const planned: PlannedCase = { caseId: entry.id, dialect, title: entry.title, request: buildAllocationRequest(spec, dialect) };
      const relation = baselineEntry && baselineRelation(entry, baselineEntry, dialect);
      if (relation) planned.baseline = relation;
      cases.push(planned);
    }
  }
  if (problems.length > 0) throw invalidConfigError(request.profile ?? '--profile', [...new Set(problems)].slice(0, 5));
  const baselines = cases.filter((c): c is RunnableCase => isRunnable(c) && c.caseId === BASELINE_CASE_ID);
  if (request.cases !== undefined) {
    const user = loadUserCases(request.cases, dialects, url.toString(), profile, request.onWarning);
    // dialect by dialect, user cases after the corpus cases of their dialect
    for (const dialect of [...dialects].reverse()) {
      const at = cases.map((c) => c.dialect).lastIndexOf(dialect) + 1;
      cases.splice(at, 0, ...user.filter((c) => c.dialect === dialect));
    }
    cases.push(...user.filter((c) => !dialects.includes(c.dialect)));
  }
  const plan: WebhookRunPlan = {
    target: {
      url,
      timeoutMs: request.timeoutMs,
      redactor,
      implementation: { name: redactor.redact(url.toString()) },
      ...(request.functionKey === undefined ? {} : { functionKey: request.functionKey }),
      ...(request.ca === undefined ? {} : { ca: request.ca }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    },
    dialects,
    cases: shardItems(cases, shard),
    runWideChecks,
    profile,
    baselines,
  };
  if (request.signal) plan.signal = request.signal;
  return plan;
}
