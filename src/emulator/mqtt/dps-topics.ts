/** The documented DPS MQTT topics (docs/protocol/mqtt.md). */
export const RESPONSE_TOPIC_PREFIX = '$dps/registrations/res/';
const REGISTER_PATH = '$dps/registrations/PUT/iotdps-register/';
const POLL_PATH = '$dps/registrations/GET/iotdps-get-operationstatus/';

export type DpsTopic = { kind: 'register'; rid: string } | { kind: 'poll'; rid: string; operationId: string };

/** Parses a device publish topic; undefined for anything outside the documented set. */
export function parseDpsTopic(topic: string): DpsTopic | undefined {
  const q = topic.indexOf('?');
  const path = q < 0 ? topic : topic.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : topic.slice(q + 1));
  const rid = params.get('$rid') ?? '';
  if (path === REGISTER_PATH) return { kind: 'register', rid };
  if (path === POLL_PATH) {
    const operationId = params.get('operationId');
    return operationId ? { kind: 'poll', rid, operationId } : undefined;
  }
  return undefined;
}

/** Whether a subscription is the documented response subscription (`$dps/registrations/res/#` or narrower). */
export function isResponseSubscription(topic: string): boolean {
  return topic.startsWith(RESPONSE_TOPIC_PREFIX);
}

/** `$dps/registrations/res/{status}/?$rid={rid}[&retry-after={s}]` (docs/protocol/mqtt.md). */
export function responseTopic(status: number, rid: string, retryAfterSeconds?: number): string {
  const retry = retryAfterSeconds === undefined ? '' : `&retry-after=${retryAfterSeconds}`;
  return `${RESPONSE_TOPIC_PREFIX}${status}/?$rid=${rid}${retry}`;
}
