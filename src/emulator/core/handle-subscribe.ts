import { isResponseSubscription } from '../mqtt/dps-topics.js';
import type { CoreContext } from './core-context.js';
import type { SubscribeRequest } from './core-request.js';
import type { StepResult } from './core-replies.js';
import { asUnexpected, handleUnexpected } from './handle-unexpected.js';

/**
 * MQTT SUBSCRIBE (one topic filter): the response subscription `$dps/registrations/res/#` (or a
 * narrower one) is granted at the QoS asked for, QoS 2 as QoS 1 (docs/protocol/mqtt.md); any other filter is an
 * unknown topic for the unexpected-request policy.
 */
export function handleSubscribe(context: CoreContext, request: SubscribeRequest): StepResult {
  if (!isResponseSubscription(request.topic)) return handleUnexpected(context, asUnexpected(request, 'unknown-topic', `SUBSCRIBE ${request.topic}`));
  const result: StepResult = { reply: { kind: 'grant', qos: request.qos >= 1 ? 1 : 0, delivery: {} }, notes: {} };
  if (request.registrationId !== undefined) result.registrationId = request.registrationId;
  return result;
}
