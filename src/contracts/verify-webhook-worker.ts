/**
 * Child process of `verifyWebhookContract`. The Pact verifier's native core prints its report straight
 * to file descriptor 1, which no in-process option silences; running it here keeps the harness's own
 * output (console reporters, CLI lines) clean and confines a native crash to this process.
 *
 * Protocol (IPC): the parent sends one `WorkerJob`; the worker answers one `WorkerReply` and exits. The
 * parent may fork it well before it has the job (see `prewarmWebhookVerifier`), so it loads Pact while
 * the parent is still planning.
 */
import type { IncomingHttpHeaders } from 'node:http';
// the package's public export: the index also loads the consumer DSL, GraphQL and axios, which this
// worker never uses, but it is forked while the run is planned (prewarmWebhookVerifier), so that load is hidden
import { Verifier } from '@pact-foundation/pact';
import type { BoundedOutcome } from '../http/bounded-outcome.js';
import { boundedRequest, DEFAULT_MAX_BODY_BYTES } from '../http/bounded-request.js';

export interface WorkerJob {
  /** extra CA (PEM) to trust for an https webhook */
  ca?: string;
  pactFile: string;
  origin: string;
  pathAndQuery: string;
  requestTimeoutMs: number;
}

/** One request the verifier made and what the webhook did with it. */
export interface Exchange {
  requestBody: unknown;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** set when the webhook gave no HTTP answer (refused, reset, timed out) */
  error?: string;
}

export interface WorkerReply {
  /** the verifier's JSON report (also when verification failed) */
  report?: string;
  /** set when the verifier could not run at all */
  failure?: string;
  exchanges: Exchange[];
}

interface FilterRequest {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body?: unknown;
}
interface FilterResponse {
  status(code: number): FilterResponse;
  setHeader(name: string, value: string): void;
  end(body?: Buffer | string): void;
}

// hop-by-hop and framing headers belong to each connection; no accept-encoding, so answers come uncompressed
const NOT_FORWARDED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'accept-encoding']);
const NOT_RETURNED = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/** DPS's 96 KB message limit (docs/protocol/limits.md), the same cap the webhook suite's own calls use. */
const MAX_ANSWER_BYTES = DEFAULT_MAX_BODY_BYTES;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Why the webhook gave no answer the verifier can judge, in the words the contract results use. */
function describeFailure(outcome: BoundedOutcome, timeoutMs: number): string {
  if (outcome.kind === 'answered') return `too-large: the answer is larger than ${MAX_ANSWER_BYTES} bytes`;
  if (outcome.kind === 'refused') return 'connection-refused: the webhook refused the connection';
  if (outcome.kind === 'closed' || outcome.kind === 'reset') return 'connection-reset: the webhook closed the connection without an answer';
  if (outcome.kind === 'timeout') return `timeout: no answer within ${timeoutMs} ms`;
  return outcome.code ? `${outcome.code}: ${outcome.message}` : outcome.message;
}

/**
 * One HTTP(S) request through the harness's bounded exchange (undici; fetch refuses some ports and
 * rewrites some headers): a limit on the whole exchange, not on idleness, so a webhook that drips a byte
 * at a time still ends; past DPS's message limit the answer is given up on, never buffered (or relayed
 * over IPC) whole.
 */
async function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  timeoutMs: number,
  ca?: string,
): Promise<Answer | string> {
  const outcome = await boundedRequest({
    url,
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    timeoutMs,
    maxBodyBytes: MAX_ANSWER_BYTES,
    ...(ca === undefined ? {} : { ca }),
  });
  if (outcome.kind !== 'answered' || outcome.truncated) return describeFailure(outcome, timeoutMs);
  const answerHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(outcome.headers)) answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
  return { status: outcome.status, headers: answerHeaders, body: outcome.bodyBytes };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A body that is valid UTF-8 JSON under a content type that does not say JSON (text/plain, none). */
function isUnlabelledJson(answer: Answer): boolean {
  if (/^application\/(?:[\w.+-]*\+)?json\b/i.test(answer.headers['content-type'] ?? '')) return false;
  try {
    JSON.parse(utf8.decode(answer.body));
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends one interaction's request to the webhook URL (not to the pact's placeholder path) and relays
 * the answer to the verifier, keeping a copy for the checks Pact cannot express.
 */
async function forward(job: WorkerJob, req: FilterRequest, res: FilterResponse, exchanges: Exchange[]): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // body-parser has already parsed a JSON body; it is re-serialised as the Pact proxy itself does
  const body = req.body === undefined || req.method === 'GET' ? undefined : Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
  const exchange: Exchange = { requestBody: req.body };
  exchanges.push(exchange);
  const answer = await send(new URL(`${job.origin}${job.pathAndQuery}`), req.method, headers, body, job.requestTimeoutMs, job.ca);
  if (typeof answer === 'string') {
    exchange.error = answer;
    res.status(502);
    res.setHeader('content-type', 'text/plain');
    res.end(`dps-conformance: ${exchange.error}`);
    return;
  }
  Object.assign(exchange, { status: answer.status, headers: answer.headers, body: answer.body.toString('utf8') });
  res.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) if (!NOT_RETURNED.has(name)) res.setHeader(name, value);
  // the contract judges the body as JSON whatever its label: the label is a SHOULD of its own
  // (webhook.response.contentType, suites/webhook/CHECKS.md), so JSON labelled text/plain is relayed as JSON
  if (isUnlabelledJson(answer)) res.setHeader('content-type', 'application/json');
  res.end(answer.body);
}

async function run(job: WorkerJob): Promise<WorkerReply> {
  const exchanges: Exchange[] = [];
  const requestFilter = (req: FilterRequest, res: FilterResponse, next: () => void): void => {
    // provider-state and message calls belong to the Pact proxy itself
    if (req.path.startsWith('/_pactSetup') || req.path.startsWith('/_messages')) {
      next();
      return;
    }
    void forward(job, req, res, exchanges);
  };
  const verifier = new Verifier({
    providerBaseUrl: job.origin,
    pactUrls: [job.pactFile],
    logLevel: 'error',
    requestFilter,
    // our own forwarding gives up first, so a slow webhook is reported as a timeout, not a verifier error
    timeout: job.requestTimeoutMs + 5_000,
  });
  try {
    return { report: await verifier.verifyProvider(), exchanges };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // a failed verification rejects with the JSON report as the message
    return text.trimStart().startsWith('{') ? { report: text, exchanges } : { failure: text, exchanges };
  }
}

// a parent that went away (killed, aborted) must not leave this process running
process.once('disconnect', () => process.exit(1));
process.once('message', (job: WorkerJob) => {
  void run(job).then((reply) => {
    process.send?.(reply, () => process.exit(0));
  });
});
