import type { CoreReply } from '../core/core-request.js';

/** An AMQP error (OASIS AMQP 1.0 part 2.8.14) as rhea takes it. */
export interface AmqpErrorShape {
  condition: string;
  description: string;
  info: Record<string, string | number>;
}

/**
 * The AMQP condition for a DPS status. The conditions are those the Node SDK's azure-iot-amqp-base
 * `translateError` maps to the matching error classes, so that a throttled (429) or failed (5xx)
 * request is retried by the SDK as on HTTPS (see docs/protocol/amqp.md).
 */
export function conditionFor(status: number): string {
  if (status === 401 || status === 403) return 'amqp:unauthorized-access';
  if (status === 404) return 'amqp:not-found';
  if (status === 413) return 'amqp:link:message-size-exceeded';
  if (status === 429) return 'com.microsoft:device-container-throttled';
  if (status === 412 || status === 409) return 'com.microsoft:precondition-failed';
  if (status >= 500) return 'amqp:internal-error';
  return 'com.microsoft:argument-error';
}

/**
 * A DPS error answer as the rejection of the request's delivery: the condition, the error body's
 * message as description, and in `info` the status, error code, tracking ID and Retry-After.
 */
export function rejectionOf(reply: Extract<CoreReply, { kind: 'answer' }>): AmqpErrorShape {
  const body = (reply.body ?? {}) as { errorCode?: unknown; message?: unknown; trackingId?: unknown };
  const info: Record<string, string | number> = { 'iotdps-status': reply.status };
  if (typeof body.errorCode === 'number') info['iotdps-error-code'] = body.errorCode;
  if (typeof body.trackingId === 'string') info['iotdps-tracking-id'] = body.trackingId;
  if (reply.retryAfterSeconds !== undefined) info['retry-after'] = String(reply.retryAfterSeconds);
  const description = typeof body.message === 'string' ? body.message : `DPS status ${reply.status}`;
  return { condition: conditionFor(reply.status), description, info };
}
