/**
 * The Artillery processor of an exported load scenario, as CommonJS text: cycles through the mix,
 * adds the function key from the environment, and judges each answer as `load` does
 * (judge-webhook-answer.ts): 200, a JSON object, `iotHubHostName` one of the request's linked hubs
 * (without case) is ok; a whole 4xx but 401 and 429 is a refusal (src/dps/webhook-refusal.ts), not an
 * error; an answer over `maxBodyBytes` is an error, as load stops reading there.
 * Counters: dpsc.ok, dpsc.refused, dpsc.errors, dpsc.<dialect>.ok|refused|errors, dpsc.error.<kind>,
 * dpsc.refusal.<kind>; every one but the kinds is emitted from the first request on, at 0, so the
 * `ensure` conditions can always read them.
 */
export function artilleryProcessor(options: {
  keyVariable: string;
  keyRequired: boolean;
  mixFile: string;
  maxBodyBytes: number;
  dialects: readonly string[];
}): string {
  return `'use strict';
// Written by \`dps-conformance load --export artillery\`: judges answers as \`dps-conformance load\` does.
const mix = require(${JSON.stringify(`./${options.mixFile}`)});
const key = process.env[${JSON.stringify(options.keyVariable)}];
if (${options.keyRequired ? 'true' : 'false'} && !key) {
  throw new Error('set the environment variable ${options.keyVariable} to the webhook\\'s function key (it is in no exported file)');
}
const maxBodyBytes = ${options.maxBodyBytes};
const dialects = ${JSON.stringify(options.dialects)};
let next = 0;

// a 4xx but 401 (a key problem) and 429 (DPS retries it): the webhook's policy said no to the device
const isRefusalStatus = (status) => status >= 400 && status < 429 && status !== 401;

function judge(statusCode, body, linkedHubs) {
  const text = typeof body === 'string' ? body : String(body ?? '');
  const tooLarge = Buffer.byteLength(text, 'utf8') > maxBodyBytes;
  if (isRefusalStatus(statusCode)) {
    return tooLarge ? { error: 'HTTP ' + statusCode + ' (answer too large)' } : { refusal: 'HTTP ' + statusCode };
  }
  if (statusCode !== 200) return { error: 'HTTP ' + statusCode };
  if (tooLarge) return { error: 'answer too large' };
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return { error: 'not a JSON object' };
  const hub = answer.iotHubHostName;
  if (typeof hub !== 'string' || hub === '') return { error: 'no iotHubHostName' };
  // host names compare without case, as DPS and load compare them
  if (!linkedHubs.some((linked) => linked.toLowerCase() === hub.toLowerCase())) return { error: 'hub not linked' };
  return {};
}

module.exports = {
  dpscNextRequest(requestParams, context, events, done) {
    const item = mix[next % mix.length];
    next += 1;
    context.vars.dpscItem = item;
    requestParams.body = item.body;
    requestParams.headers = Object.assign({}, requestParams.headers, { 'content-type': 'application/json; charset=utf-8' });
    if (key) {
      const absolute = /^https?:/i.test(requestParams.url);
      const url = new URL(requestParams.url, 'http://relative.invalid');
      url.searchParams.set('code', key);
      requestParams.url = absolute ? url.href : url.pathname + url.search;
    }
    // the counters exist from the first request, so the ensure conditions can always read them
    for (const name of ['ok', 'refused', 'errors']) {
      events.emit('counter', 'dpsc.' + name, 0);
      for (const dialect of dialects) events.emit('counter', 'dpsc.' + dialect + '.' + name, 0);
    }
    return done();
  },
  dpscJudgeAnswer(requestParams, response, context, events, done) {
    const item = context.vars.dpscItem;
    const verdict = judge(response.statusCode, response.body, item.linkedHubs);
    const outcome = verdict.error !== undefined ? 'errors' : verdict.refusal !== undefined ? 'refused' : 'ok';
    events.emit('counter', 'dpsc.' + outcome, 1);
    events.emit('counter', 'dpsc.' + item.dialect + '.' + outcome, 1);
    if (verdict.error !== undefined) events.emit('counter', 'dpsc.error.' + verdict.error, 1);
    if (verdict.refusal !== undefined) events.emit('counter', 'dpsc.refusal.' + verdict.refusal, 1);
    return done();
  },
};
`;
}
