import { DEFAULT_MAX_BODY_BYTES } from '../../../src/http/bounded-request.js';
import { bodySnippet, readJsonBody } from '../answer-body.js';
import { JSON_DEPTH_LIMIT } from '../../../src/json/json-depth.js';
import type { CaseCheck } from '../check-definition.js';
import { describeRefusal, isRefusal, whatDpsDoes } from '../refusal.js';

/** The answer as HTTP: status, body encoding and syntax, size, time. */

/**
 * The kind of a wrong status, for grouping by cause: DPS treats each differently (docs/webhook-profiles.md,
 * "What a refusal is"), so a 401, a 429, a 5xx and a redirect are different defects.
 */
export function statusMismatch(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server-error';
  if (status >= 300 && status < 400) return 'redirect';
  return 'wrong-status';
}

export const statusCheck: CaseCheck = {
  id: 'webhook.response.status',
  level: 'MUST',
  per: 'case',
  title: 'HTTP 200 or a clean refusal',
  requirement:
    'the webhook answers HTTP 200, or refuses with a 4xx other than 401 and 429 (a policy saying no: DPS fails that registration with 400207); ' +
    'a 401, a 429, a 5xx, a 3xx (redirects are not followed) or any other status fails, with what DPS does with it',
  judge(j) {
    const answer = j.answered();
    if (answer.status === 200) return `${j.label}: HTTP 200`;
    if (isRefusal(answer)) return `${j.label}: ${describeRefusal(answer)} (a policy's answer: DPS fails this registration with 400207 and tells the device)`;
    const location = answer.headers['location'];
    const extra =
      answer.status >= 300 && answer.status < 400 && location !== undefined
        ? ` (a redirect to ${String(location)}; DPS does not follow redirects)`
        : answer.bodyBytes.length > 0
          ? ` with body ${bodySnippet(answer.bodyBytes.toString('utf8'))}`
          : '';
    const status = answer.statusMessage === '' ? `HTTP ${answer.status}` : `HTTP ${answer.status} ${answer.statusMessage}`;
    return j.fail(statusMismatch(answer.status), `expected HTTP 200 or a 4xx refusal, got ${status}${extra}: ${whatDpsDoes(answer.status)}`, 'HTTP 200 or a 4xx refusal', answer.status);
  },
};

export const jsonCheck: CaseCheck = {
  id: 'webhook.response.json',
  level: 'MUST',
  per: 'case',
  title: 'JSON body in UTF-8',
  requirement: `the HTTP 200 answer has a body that is valid UTF-8 and valid JSON, nested at most ${JSON_DEPTH_LIMIT} levels deep (DPS's own limit is UNCONFIRMED)`,
  judge(j) {
    const answer = j.answered();
    if (answer.status !== 200 || answer.truncated) j.jsonBody(); // skips, pointing at the check that failed
    const reading = readJsonBody(answer.bodyBytes);
    if (reading.ok) return `${j.label}: JSON body of ${answer.bodyBytes.length} bytes`;
    if (reading.mismatch === 'too-deep') {
      return j.fail(reading.mismatch, `expected JSON nested at most ${JSON_DEPTH_LIMIT} levels deep, got ${reading.reason}`, `JSON nested at most ${JSON_DEPTH_LIMIT} levels deep`, reading.reason);
    }
    const contentType = answer.headers['content-type'];
    const shown = contentType === undefined ? '' : ` (content-type ${String(contentType)})`;
    return j.fail(reading.mismatch, `expected a JSON body in UTF-8, got ${reading.reason}${shown}`, 'a JSON body in UTF-8', reading.reason);
  },
};

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]*\+)?json$/i;

export const contentTypeCheck: CaseCheck = {
  id: 'webhook.response.contentType',
  level: 'SHOULD',
  per: 'case',
  title: 'JSON labelled as JSON',
  requirement:
    'the JSON body of the HTTP 200 answer is labelled `application/json` (or `+json`), charset utf-8 when one is named; ' +
    'a SHOULD because whether DPS reads the label is not documented',
  judge(j) {
    const answer = j.answered();
    j.jsonBody(); // skips, pointing at the check that failed, unless this is a 200 JSON answer
    const header = answer.headers['content-type'];
    const label = Array.isArray(header) ? header.join(', ') : header;
    const [type = '', ...params] = (label ?? '').split(';').map((part) => part.trim());
    const charset = params.find((p) => p.toLowerCase().startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
    const utf8 = charset === undefined || /^utf-?8$/i.test(charset);
    if (JSON_MEDIA_TYPE.test(type) && utf8) return `${j.label}: ${label ?? ''}`;
    const got = label === undefined ? 'no Content-Type' : `Content-Type ${bodySnippet(label)}`;
    return j.fail(
      'content-type',
      `expected Content-Type application/json for a JSON answer, got valid JSON with ${got}; ` +
        'whether DPS reads the label is undocumented, so label it as JSON to be safe (a SHOULD)',
      'application/json',
      label ?? null,
    );
  },
};

export const sizeCheck: CaseCheck = {
  id: 'webhook.response.size',
  level: 'MUST',
  per: 'case',
  title: 'Answer within 96 KB',
  requirement: `the answer body is at most ${DEFAULT_MAX_BODY_BYTES} bytes, DPS's message limit (the harness stops reading one byte past it)`,
  judge(j) {
    const answer = j.answered();
    if (!answer.truncated) return `${j.label}: ${answer.bodyBytes.length} bytes (limit ${DEFAULT_MAX_BODY_BYTES})`;
    return j.fail('too-large', `expected an answer of at most ${DEFAULT_MAX_BODY_BYTES} bytes, got more (cut off after ${DEFAULT_MAX_BODY_BYTES})`, `<= ${DEFAULT_MAX_BODY_BYTES} bytes`, `> ${DEFAULT_MAX_BODY_BYTES} bytes`);
  },
};

export const timeCheck: CaseCheck = {
  id: 'webhook.response.time',
  level: 'MUST',
  per: 'case',
  title: 'Answer within the timeout',
  requirement: 'the whole answer (connection, headers and body) arrives within --timeout (default 10 s, our choice: DPS publishes none)',
  judge(j) {
    const { outcome } = j.call;
    if (outcome.kind === 'timeout') {
      return j.fail('timeout', `expected a complete answer in time, got ${outcome.message}`, 'a complete answer within the timeout', outcome.message);
    }
    const answer = j.answered();
    return `${j.label}: answered in ${Math.round(answer.timing.totalMs)} ms`;
  },
};

export const RESPONSE_CHECKS: readonly CaseCheck[] = [statusCheck, jsonCheck, contentTypeCheck, sizeCheck, timeCheck];
