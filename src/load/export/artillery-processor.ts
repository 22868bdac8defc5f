/**
 * The Artillery processor of an exported load scenario, as CommonJS text: cycles through the mix,
 * adds the function key from the environment, and judges each answer as `load` does
 * (judge-webhook-answer.ts): 200, a JSON object, `iotHubHostName` one of the request's linked hubs.
 * Counters: dpsc.ok, dpsc.errors, dpsc.<dialect>.ok|errors, dpsc.error.<kind>.
 */
export function artilleryProcessor(options: { keyVariable: string; keyRequired: boolean; mixFile: string }): string {
  return `'use strict';
// Written by \`dps-conformance load --export artillery\`: judges answers as \`dps-conformance load\` does.
const mix = require(${JSON.stringify(`./${options.mixFile}`)});
const key = process.env[${JSON.stringify(options.keyVariable)}];
if (${options.keyRequired ? 'true' : 'false'} && !key) {
  throw new Error('set the environment variable ${options.keyVariable} to the webhook\\'s function key (it is in no exported file)');
}
let next = 0;

function judge(statusCode, body, linkedHubs) {
  if (statusCode !== 200) return 'HTTP ' + statusCode;
  let answer;
  try {
    answer = JSON.parse(typeof body === 'string' ? body : String(body));
  } catch {
    return 'not JSON';
  }
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return 'not a JSON object';
  const hub = answer.iotHubHostName;
  if (typeof hub !== 'string' || hub === '') return 'no iotHubHostName';
  if (!linkedHubs.includes(hub)) return 'hub not linked';
  return undefined;
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
    // both counters exist from the first request, so the ensure conditions can always read them
    events.emit('counter', 'dpsc.ok', 0);
    events.emit('counter', 'dpsc.errors', 0);
    return done();
  },
  dpscJudgeAnswer(requestParams, response, context, events, done) {
    const item = context.vars.dpscItem;
    const wrong = judge(response.statusCode, response.body, item.linkedHubs);
    events.emit('counter', wrong === undefined ? 'dpsc.ok' : 'dpsc.errors', 1);
    events.emit('counter', 'dpsc.' + item.dialect + (wrong === undefined ? '.ok' : '.errors'), 1);
    if (wrong !== undefined) events.emit('counter', 'dpsc.error.' + wrong, 1);
    return done();
  },
};
`;
}
