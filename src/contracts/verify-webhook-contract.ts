import { isDeepStrictEqual } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dpsPacticipant, pactFileName, webhookPacticipant } from '../../contracts/definitions/pacticipants.js';
import type { Dialect } from '../results/check-result.js';
import { SecretRedactor } from '../results/secret-redactor.js';
import { committedPactsDir } from './committed-pacts.js';
import { optionalMemberProblems, type MemberProblem } from './optional-members.js';
import { readPactFile, type PactFile, type PactInteraction } from './pact-file.js';
import { applyProfileToPact } from './apply-profile-to-pact.js';
import type { WebhookProfile } from '../webhook-profile/webhook-profile.js';
import type { Exchange } from './verify-webhook-worker.js';
import { runWorker } from './verify-webhook-process.js';
import { describeRefusalOf, isRefusal, whatDpsDoes } from '../dps/webhook-refusal.js';
import { webhookTarget } from './webhook-target.js';
import { isTooDeep, JSON_DEPTH_LIMIT, tooDeepMessage } from '../json/json-depth.js';

export interface VerifyWebhookContractOptions {
  /** Azure Functions key, sent as `?code=` (replaces a `code` already in the URL); never reported */
  functionKey?: string;
  /** per request; default 10 000 ms */
  timeoutMs?: number;
  /** directory of the pact files; default the package's `contracts/pacts` */
  pactDir?: string;
  signal?: AbortSignal;
  /** extra CA (PEM) to trust for an https webhook */
  ca?: string;
  /** makes every interaction's request look like a device the webhook's policy accepts (docs/webhook-profiles.md) */
  profile?: WebhookProfile;
}

/** One result per interaction of the DPS -> webhook contract. */
export interface ContractInteractionResult {
  /** the interaction's description in the pact file */
  interaction: string;
  passed: boolean;
  /**
   * `failed`: the webhook answered against the contract; `errored`: it gave no usable answer; `refused`:
   * it refused the request cleanly (a 4xx other than 401 and 429, `src/dps/webhook-refusal.ts`), the
   * policy's answer as DPS reads it, judged as the webhook suite judges it: neither passed nor failed;
   * `skipped`: the verifier could not read the answer for a limit of its own (never the webhook's failure)
   */
  outcome: 'passed' | 'failed' | 'errored' | 'refused' | 'skipped';
  /** one line: what was expected and what came (secrets removed) */
  message: string;
  /** every mismatch, one readable line each (secrets removed) */
  mismatches: string[];
  /**
   * the mismatches that are the optional members' (initialTwin, returned data), each with the webhook
   * suite's check that owns it: that suite reports such a defect once, under that check
   */
  memberProblems?: MemberProblem[];
  /** the type of the first mismatch Pact found (`StatusMismatch`, `BodyTypeMismatch`, ...), when it found one */
  firstPactMismatch?: string;
  /** set when the outcome is `refused`: the answer's status and body (secrets removed) */
  refused?: { status: number; body: string };
  /**
   * set when the answer nests deeper than the harness reads (JSON_DEPTH_LIMIT): it fails on that alone
   * (webhook.response.json judges it in the webhook suite), and the Pact verifier never judged it
   */
  tooDeep?: string;
  /** the request sent and what came back (secrets removed) */
  evidence: { request: unknown; response?: { status: number; headers: Record<string, string>; body: string }; error?: string };
}

interface VerifierReport {
  interactionResults?: Array<{ description: string; result: string }>;
  errors?: Array<{
    interaction: string;
    mismatch?: {
      type: string;
      message?: string;
      mismatches?: Array<{ type?: string; mismatch?: string; path?: string; key?: string }>;
    };
  }>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The Pact verifier (Rust, serde_json) refuses JSON nested deeper than its recursion limit of 128
 * levels with "recursion limit exceeded"; that is the verifier's limit, reported as such.
 */
const PACT_VERIFIER_DEPTH_LIMIT = 128;
const PACT_DEPTH_ERROR = /recursion limit exceeded/i;

// a wrong status explains the rest (body type, headers), so it is named first
const MISMATCH_ORDER = ['StatusMismatch', 'BodyTypeMismatch', 'BodyMismatch', 'HeaderMismatch'];

function mismatchLines(report: VerifierReport, description: string): string[] {
  const found: Array<{ rank: number; line: string }> = [];
  for (const error of report.errors ?? []) {
    if (!error.interaction.endsWith(` - ${description}`) && error.interaction !== description) continue;
    const mismatch = error.mismatch;
    if (!mismatch) found.push({ rank: 9, line: 'the verifier reported an error' });
    else if (mismatch.mismatches?.length) {
      for (const m of mismatch.mismatches) {
        const rank = MISMATCH_ORDER.indexOf(m.type ?? '');
        const text = m.mismatch ?? m.key ?? 'mismatch';
        const line = m.type === 'StatusMismatch' ? `status: ${text}` : m.path && m.path !== '/' && m.path !== '$' ? `${m.path} -> ${text}` : text;
        found.push({ rank: rank < 0 ? 8 : rank, line });
      }
    } else found.push({ rank: 9, line: mismatch.message ?? mismatch.type });
  }
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.line);
}

/** The type of the first mismatch Pact reported for an interaction, in MISMATCH_ORDER. */
function firstMismatchType(report: VerifierReport, description: string): string | undefined {
  const types = (report.errors ?? [])
    .filter((e) => e.interaction.endsWith(` - ${description}`) || e.interaction === description)
    .flatMap((e) => (e.mismatch?.mismatches ?? []).map((m) => m.type ?? ''));
  return [...types].sort((a, b) => rank(a) - rank(b))[0];
}

function rank(type: string): number {
  const at = MISMATCH_ORDER.indexOf(type);
  return at < 0 ? MISMATCH_ORDER.length : at;
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function resultFor(
  dialect: Dialect,
  interaction: PactInteraction,
  report: VerifierReport,
  exchanges: Exchange[],
  redactor: SecretRedactor,
): ContractInteractionResult {
  const request = interaction.request.body?.content;
  const exchange = exchanges.find((e) => isDeepStrictEqual(e.requestBody, request));
  const verdict = report.interactionResults?.find((r) => r.description === interaction.description);
  const evidence: ContractInteractionResult['evidence'] = { request };
  if (exchange?.status !== undefined) evidence.response = { status: exchange.status, headers: exchange.headers ?? {}, body: exchange.body ?? '' };
  if (exchange?.error) evidence.error = exchange.error;
  const finish = (outcome: ContractInteractionResult['outcome'], message: string, mismatches: string[]): ContractInteractionResult => ({
    interaction: interaction.description,
    passed: outcome === 'passed',
    outcome,
    message: redactor.redact(message),
    mismatches: mismatches.map((m) => redactor.redact(m)),
    evidence: redactor.redactDeep(evidence),
  });
  if (exchange?.error) return finish('errored', `expected an answer from the webhook, got ${exchange.error}`, [exchange.error]);
  // an answer past the size limit is an exchange error above, so every answer here is whole
  if (exchange?.status !== undefined && isRefusal({ status: exchange.status, truncated: false })) {
    const body = exchange.body ?? '';
    const result = finish('refused', `not judged: ${describeRefusalOf(exchange.status, body)}`, []);
    result.refused = { status: exchange.status, body: redactor.redact(body) };
    return result;
  }
  if (!verdict) return finish('errored', 'the verifier did not run this interaction', []);
  const answerText = exchange?.body ?? '';
  if (exchange?.status === 200 && isTooDeep(answerText)) {
    const why = tooDeepMessage(answerText);
    return { ...finish('failed', `expected JSON nested at most ${JSON_DEPTH_LIMIT} levels deep, got ${why}; not verified with Pact`, [why]), tooDeep: why };
  }
  const pactProblems = verdict.result === 'OK' ? [] : mismatchLines(report, interaction.description);
  if (pactProblems.some((p) => PACT_DEPTH_ERROR.test(p))) {
    return finish('skipped', `not verified: the Pact verifier cannot read this answer (it parses JSON no deeper than about ${PACT_VERIFIER_DEPTH_LIMIT} levels, a limit of the verifier, not of the webhook)`, []);
  }
  if (verdict.result !== 'OK' && pactProblems.length === 0) pactProblems.push(`verifier result ${verdict.result}`);
  const memberProblems = optionalMemberProblems(dialect, parseJson(answerText));
  const problems = [...pactProblems, ...memberProblems.map((m) => m.problem)];
  if (problems.length === 0) return finish('passed', `answered as the contract requires (status ${exchange?.status ?? interaction.response.status})`, []);
  const status = exchange?.status;
  // what DPS does with a 401, 429 or 5xx, as the webhook suite's status check says it
  const dps = status !== undefined && (status === 401 || status >= 429) ? `: ${whatDpsDoes(status)}` : '';
  const result = finish('failed', `contract mismatch: ${problems.join('; ')}${dps}`, problems);
  if (memberProblems.length > 0) result.memberProblems = memberProblems.map((m) => ({ ...m, problem: redactor.redact(m.problem) }));
  const first = firstMismatchType(report, interaction.description);
  if (first !== undefined) result.firstPactMismatch = first;
  return result;
}

/** Runs `use` with the committed pact file, or with a temporary copy of `changed` (removed afterwards). */
async function withPactFile<T>(committed: string, changed: PactFile | undefined, use: (path: string) => Promise<T>): Promise<T> {
  if (!changed) return use(committed);
  const dir = mkdtempSync(join(tmpdir(), 'dpsc-profile-pact-'));
  try {
    const path = join(dir, 'pact.json');
    writeFileSync(path, JSON.stringify(changed));
    return await use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Verifies a live webhook (the provider) against the DPS -> webhook contract of a dialect with the
 * Pact verifier, in a child process. Every interaction is sent to `url` (its path and query, plus
 * `code=<function key>`). Besides Pact's matching, the optional members Pact cannot express (returned
 * data, initialTwin) are type-checked when present. Resolves with one result per interaction, in the
 * pact file's order; throws a HarnessError only when the harness itself cannot run the verifier.
 */
export async function verifyWebhookContract(url: string, dialect: Dialect, options: VerifyWebhookContractOptions = {}): Promise<ContractInteractionResult[]> {
  const target = webhookTarget(url, options.functionKey);
  const redactor = new SecretRedactor().add(options.functionKey);
  const code = new URL(url).searchParams.get('code');
  if (code) redactor.add(code);
  const committed = join(options.pactDir ?? committedPactsDir(), pactFileName(dpsPacticipant(dialect), webhookPacticipant(dialect)));
  const profile = options.profile && Object.keys(options.profile).some((k) => k !== 'version') ? options.profile : undefined;
  const pact = profile ? applyProfileToPact(readPactFile(committed), profile, dialect) : readPactFile(committed);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = (timeoutMs + 5_000) * (pact.interactions.length + 1) + 30_000;
  const job = {
    origin: target.origin,
    pathAndQuery: target.pathAndQuery,
    requestTimeoutMs: timeoutMs,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  const reply = await withPactFile(committed, profile ? pact : undefined, (pactFile) => runWorker({ ...job, pactFile }, deadline, options.signal));
  if (reply.failure !== undefined && reply.report === undefined) {
    const failure = redactor.redact(reply.failure.split('\n')[0] ?? reply.failure);
    return pact.interactions.map((interaction) => ({
      interaction: interaction.description,
      passed: false,
      outcome: 'errored' as const,
      message: `the Pact verifier could not verify the webhook: ${failure}`,
      mismatches: [failure],
      evidence: { request: redactor.redactDeep(interaction.request.body?.content) },
    }));
  }
  const report = (parseJson(reply.report) ?? {}) as VerifierReport;
  return pact.interactions.map((interaction) => resultFor(dialect, interaction, report, reply.exchanges, redactor));
}
