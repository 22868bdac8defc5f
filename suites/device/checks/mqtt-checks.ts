import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import type { DeviceEntry, WireView } from '../evidence/evidence-entry.js';
import { isObject } from '../evidence/json-values.js';
import type { RegistrationEvidence } from '../evidence/registration-evidence.js';
import { DEVICE_CHECKS } from '../device-checks.js';
import { describeRefusal, ownRefusal } from '../refusal-owner.js';

const REGISTER_TOPIC = /^\$dps\/registrations\/PUT\/iotdps-register\/\?(.*)$/;
const POLL_TOPIC = /^\$dps\/registrations\/GET\/iotdps-get-operationstatus\/\?(.*)$/;
/** topic filters that receive every DPS answer (the documented one, and its equivalent with `+`) */
const RESPONSE_FILTERS = new Set(['$dps/registrations/res/#', '$dps/registrations/res/+/#']);

export type MqttWireView = Extract<WireView, { protocol: 'mqtt' }>;

/** The MQTT packet a device entry was, if it was one. */
export function mqttWire(entry: DeviceEntry | undefined): MqttWireView | undefined {
  const wire = entry && 'wire' in entry ? entry.wire : undefined;
  return wire?.protocol === 'mqtt' ? wire : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `device.mqtt.protocol` (docs/protocol/mqtt.md): client ID = registration ID; user name
 * `{idScope}/registrations/{id}/api-version=...`; publishes to the register and operation-status topics
 * with a `$rid`, polls naming the operationId DPS gave; QoS 0 or 1 (DPS does not take QoS 2); a
 * SUBSCRIBE to `$dps/registrations/res/#` (QoS 0 or 1) before the first request.
 */
export function checkMqttProtocol(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const { run } = e;
  const bad = ownRefusal(e, DEVICE_CHECKS.mqttProtocol.id);
  if (bad) v.fail(`expected documented MQTT use, ${describeRefusal(bad)}`, { mismatch: 'protocol-mismatch', actual: bad.entry.wire });
  const wire = mqttWire(e.connect);
  if (!wire) v.fail('expected an MQTT CONNECT, the emulator saw none', { mismatch: 'missing-request' });
  if (wire.clientId !== run.registrationId) v.fail(`expected client ID ${run.registrationId}, got ${brief(wire.clientId ?? null)}`, { mismatch: 'protocol-mismatch' });
  const username = new RegExp(`^${escapeRegExp(run.command.idScope)}/registrations/${escapeRegExp(run.registrationId)}/api-version=[^&]+(&.*)?$`);
  if (!username.test(wire.username ?? '')) {
    v.fail(`expected user name ${run.command.idScope}/registrations/${run.registrationId}/api-version=..., got ${brief(wire.username ?? null)}`, { mismatch: 'protocol-mismatch', actual: wire.username });
  }
  // the answers come on `$dps/registrations/res/{status}/?$rid=...`: a filter must cover every status, in place before the first request
  const subscribe = e.device.find((entry) => entry.kind === 'subscribe' && RESPONSE_FILTERS.has(mqttWire(entry)?.topic ?? ''));
  const firstPublish = e.operations[0];
  if (!subscribe || (firstPublish !== undefined && subscribe.seq > firstPublish.seq)) {
    const seen = e.device.filter((entry) => mqttWire(entry)?.packet === 'subscribe').map((entry) => mqttWire(entry)?.topic ?? '');
    v.fail(`expected a SUBSCRIBE to $dps/registrations/res/# before the first request, got ${seen.length ? `${seen.join(', ')}${subscribe ? ' after it' : ''}` : 'none'}`, { mismatch: 'protocol-mismatch', actual: seen });
  }
  const subscribeQos = mqttWire(subscribe)?.qos ?? 0;
  if (subscribeQos > 1) v.fail(`expected the subscription at QoS 0 or 1, got QoS ${subscribeQos}`, { mismatch: 'protocol-mismatch' });
  let operationId: string | undefined;
  for (const entry of e.operations) {
    const publish = mqttWire(entry);
    if (!publish?.topic) continue;
    if ((publish.qos ?? 0) > 1) v.fail(`expected QoS 0 or 1, got QoS ${publish.qos} on ${publish.topic}`, { mismatch: 'protocol-mismatch' });
    const register = REGISTER_TOPIC.exec(publish.topic);
    const poll = POLL_TOPIC.exec(publish.topic);
    const query = new URLSearchParams(register?.[1] ?? poll?.[1] ?? '');
    if (!register && !poll) v.fail(`expected a register or operation-status topic, got ${publish.topic}`, { mismatch: 'protocol-mismatch' });
    if (!query.get('$rid')) v.fail(`expected a $rid on ${publish.topic}`, { mismatch: 'protocol-mismatch' });
    if (poll && operationId !== undefined && query.get('operationId') !== operationId) {
      v.fail(`expected operationId=${operationId} on ${publish.topic}`, { mismatch: 'protocol-mismatch', expected: operationId, actual: query.get('operationId') });
    }
    const body = entry.answer.body;
    if (body.kind === 'json' && isObject(body.value) && typeof body.value['operationId'] === 'string') operationId = body.value['operationId'];
  }
  return `client ID, user name, topics and QoS as documented`;
}
