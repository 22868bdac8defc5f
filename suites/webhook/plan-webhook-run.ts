import { parseHttpUrl } from '../../src/http/parse-http-url.js';
import { DIALECTS, type Dialect } from '../../src/results/check-result.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { prewarmWebhookVerifier } from '../../src/contracts/verify-webhook-process.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { corpusSkipReason } from '../corpus/corpus-case.js';
import { allocationRequestFor } from '../corpus/corpus-request.js';
import { parseShard, shardItems } from '../corpus/shard-cases.js';
import { loadUserCases } from './load-user-cases.js';
import type { PlannedCase } from './planned-case.js';
import type { WebhookRunPlan } from './webhook-run-plan.js';

export interface WebhookRunRequest {
  url: string;
  functionKey?: string;
  dialect: Dialect | 'all';
  cases?: string;
  timeoutMs: number;
  shard?: string;
  ca?: string;
  signal?: AbortSignal;
}

/**
 * Decides the whole run before any request: the target (with every secret registered for redaction),
 * the dialects, the corpus cases per dialect (with skip reasons), the user cases, and this shard's
 * share. Every mistake is a usage or configuration error (exit 2). When the run includes the run-wide
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

  const cases: PlannedCase[] = [];
  for (const dialect of dialects) {
    for (const entry of loadCorpus()) {
      const skipReason = corpusSkipReason(entry, dialect);
      if (skipReason === undefined)
        cases.push({
          caseId: entry.id,
          dialect,
          title: entry.title,
          request: allocationRequestFor(entry, dialect, url.toString()),
        });
      else if (entry.dialects.includes(dialect))
        cases.push({ caseId: entry.id, dialect, title: entry.title, skipReason });
    }
  }
  if (request.cases !== undefined) {
    const user = loadUserCases(request.cases, dialects, url.toString());
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
  };
  if (request.signal) plan.signal = request.signal;
  return plan;
}
