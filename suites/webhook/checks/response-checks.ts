import { DEFAULT_MAX_BODY_BYTES } from '../../../src/http/bounded-request.js';
import { bodySnippet, readJsonBody } from '../answer-body.js';
import type { CaseCheck } from '../check-definition.js';

/** The answer as HTTP: status, body encoding and syntax, size, time. */

export const statusCheck: CaseCheck = {
  id: 'webhook.response.status',
  level: 'MUST',
  per: 'case',
  title: 'HTTP 200',
  requirement: 'the webhook answers every allocation request with HTTP 200 (redirects are not followed: a 3xx is a wrong answer)',
  judge(j) {
    const answer = j.answered();
    if (answer.status === 200) return `${j.label}: HTTP 200`;
    const location = answer.headers['location'];
    const extra =
      answer.status >= 300 && answer.status < 400 && location !== undefined
        ? ` (a redirect to ${String(location)}; DPS does not follow redirects)`
        : answer.bodyBytes.length > 0
          ? ` with body ${bodySnippet(answer.bodyBytes.toString('utf8'))}`
          : '';
    const status = answer.statusMessage === '' ? `HTTP ${answer.status}` : `HTTP ${answer.status} ${answer.statusMessage}`;
    return j.fail('wrong-status', `expected HTTP 200, got ${status}${extra}`, 200, answer.status);
  },
};

export const jsonCheck: CaseCheck = {
  id: 'webhook.response.json',
  level: 'MUST',
  per: 'case',
  title: 'JSON body in UTF-8',
  requirement: 'the HTTP 200 answer has a body that is valid UTF-8 and valid JSON',
  judge(j) {
    const answer = j.answered();
    if (answer.status !== 200 || answer.truncated) j.jsonBody(); // skips, pointing at the check that failed
    const reading = readJsonBody(answer.bodyBytes);
    if (reading.ok) return `${j.label}: JSON body of ${answer.bodyBytes.length} bytes`;
    const contentType = answer.headers['content-type'];
    const shown = contentType === undefined ? '' : ` (content-type ${String(contentType)})`;
    return j.fail(reading.mismatch, `expected a JSON body in UTF-8, got ${reading.reason}${shown}`, 'a JSON body in UTF-8', reading.reason);
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

export const RESPONSE_CHECKS: readonly CaseCheck[] = [statusCheck, jsonCheck, sizeCheck, timeCheck];
