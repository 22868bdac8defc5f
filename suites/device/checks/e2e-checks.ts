import { jsonDifference } from '../../../src/adapters/json-difference.js';
import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import type { Body, WebhookCallEntry } from '../evidence/evidence-entry.js';
import { dataMember, isObject, returnMember, roundBigInts, type JsonObject } from '../evidence/json-values.js';
import type { DeviceEvidence } from '../evidence/registration-evidence.js';

/** The emulator's last call to the webhook for this registration. */
function lastWebhookCall(e: DeviceEvidence, v: Verdicts): WebhookCallEntry {
  const call = e.webhookCalls[e.webhookCalls.length - 1];
  if (!call) v.fail('expected the emulator to call the webhook for this registration, it did not', { mismatch: 'missing-request' });
  return call;
}

/** A body that is a JSON object, else an empty one (what a missing member then reads as). */
function objectOf(body: Body): JsonObject {
  return body.kind === 'json' && isObject(body.value) ? body.value : {};
}

/** `e2e.data.reachedWebhook`: the device data in the allocation request equals the data given to the device. */
export function checkDataReachedWebhook(e: DeviceEvidence, v: Verdicts): string {
  v.reply();
  const sent = objectOf(lastWebhookCall(e, v).sent);
  const context = isObject(sent['deviceRuntimeContext']) ? sent['deviceRuntimeContext'] : {};
  const member = dataMember(e.run.dialect);
  const given = e.run.command.data;
  if (given === undefined) {
    if (member in context) v.fail(`expected no deviceRuntimeContext.${member}, got ${brief(context[member])}`, { mismatch: 'unexpected-member' });
    return 'no data given, none reached the webhook';
  }
  const diff = jsonDifference(roundBigInts(given), roundBigInts(context[member]));
  if (diff) v.fail(`expected deviceRuntimeContext.${member}${diff.path} ${brief(diff.expected)}, got ${brief(diff.actual)}`, { mismatch: 'data-mismatch', expected: given, actual: context[member] });
  return `deviceRuntimeContext.${member} equal to the data given to the device`;
}

/** `e2e.returnData.reachedDevice`: what the webhook returned is what the application got. */
export function checkReturnDataReachedDevice(e: DeviceEvidence, v: Verdicts): string {
  const reply = v.reply();
  const call = lastWebhookCall(e, v);
  const body = call.outcome.kind === 'answered' ? objectOf(call.outcome.body) : {};
  const returned = body[returnMember(e.run.dialect)];
  const surfaced = reply.result?.returnData;
  if (!reply.result) v.fail(`expected the webhook's returned data at the application, got an error: ${reply.error?.message ?? ''}`, { mismatch: 'error-instead-of-result' });
  const diff = jsonDifference(roundBigInts(returned), roundBigInts(surfaced));
  if (diff) v.fail(`expected returned data${diff.path} ${brief(diff.expected)} (from the webhook), got ${brief(diff.actual)}`, { mismatch: 'data-mismatch', expected: returned, actual: surfaced });
  return returned === undefined ? 'the webhook returned no data, none surfaced' : "the webhook's returned data reached the application";
}
