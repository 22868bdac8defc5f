import type { TranscriptEntry } from '../../../src/emulator/index.js';
import { jsonDifference } from '../../../src/adapters/json-difference.js';
import type { RegistrationRun } from '../registration-run.js';
import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import { dataMember, isObject, roundBigInts } from '../transcript-reading.js';

/** The emulator's last call to the webhook for this registration: what it sent and what came back. */
function lastWebhookCall(run: RegistrationRun, v: Verdicts): { sent: Record<string, unknown>; answer: { status?: number; body?: unknown } } {
  const calls = run.entries.filter((e: TranscriptEntry) => e.frontEnd === 'webhook' && e.kind === 'webhook-call');
  const call = calls[calls.length - 1];
  if (!call) v.fail('expected the emulator to call the webhook for this registration, it did not', { mismatch: 'missing-request' });
  const request = call.request.body as { body?: unknown } | undefined;
  const sent = isObject(request?.body) ? request.body : {};
  return { sent, answer: (call.response?.body ?? {}) };
}

/** `e2e.data.reachedWebhook`: the device data in the allocation request equals the data given to the device. */
export function checkDataReachedWebhook(run: RegistrationRun, v: Verdicts): string {
  v.reply();
  const { sent } = lastWebhookCall(run, v);
  const context = isObject(sent['deviceRuntimeContext']) ? sent['deviceRuntimeContext'] : {};
  const member = dataMember(run.dialect);
  const given = run.command.data;
  if (given === undefined) {
    if (member in context) v.fail(`expected no deviceRuntimeContext.${member}, got ${brief(context[member])}`, { mismatch: 'unexpected-member' });
    return 'no data given, none reached the webhook';
  }
  const diff = jsonDifference(roundBigInts(given), context[member]);
  if (diff) v.fail(`expected deviceRuntimeContext.${member}${diff.path} ${brief(diff.expected)}, got ${brief(diff.actual)}`, { mismatch: 'data-mismatch', expected: given, actual: context[member] });
  return `deviceRuntimeContext.${member} equal to the data given to the device`;
}

/** `e2e.returnData.reachedDevice`: what the webhook returned is what the application got. */
export function checkReturnDataReachedDevice(run: RegistrationRun, v: Verdicts): string {
  const reply = v.reply();
  const { answer } = lastWebhookCall(run, v);
  const body = isObject(answer.body) ? answer.body : {};
  const member = run.dialect === 'ga' ? 'payload' : 'returnData';
  const returned = body[member];
  const surfaced = reply.result?.returnData;
  if (!reply.result) v.fail(`expected the webhook's returned data at the application, got an error: ${reply.error?.message ?? ''}`, { mismatch: 'error-instead-of-result' });
  const diff = jsonDifference(roundBigInts(returned), roundBigInts(surfaced));
  if (diff) v.fail(`expected returned data${diff.path} ${brief(diff.expected)} (from the webhook), got ${brief(diff.actual)}`, { mismatch: 'data-mismatch', expected: returned, actual: surfaced });
  return returned === undefined ? 'the webhook returned no data, none surfaced' : 'the webhook\'s returned data reached the application';
}
