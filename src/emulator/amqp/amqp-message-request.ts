import type { Message } from 'rhea';
import type { AmqpWire, CoreReply, CoreRequest, FrontEnd } from '../core/core-request.js';
import { decodeDeviceText, type DeviceText } from '../core/decode-device-text.js';
import { MAX_MESSAGE_BYTES } from '../dps-limits.js';
import type { DpsAmqpIdentity } from './dps-link-address.js';

/** The operation types a device sends in `iotdps-operation-type` (docs/protocol/amqp.md). */
export const REGISTER_OPERATION = 'iotdps-register';
export const STATUS_OPERATION = 'iotdps-get-operationstatus';

export interface MessageContext {
  frontEnd: Extract<FrontEnd, 'amqp' | 'amqp-ws'>;
  /** the DeviceConnections id of the connection it came on */
  connection: string;
  wire: AmqpWire;
  receivedAt: number;
  identity: DpsAmqpIdentity | undefined;
  password: string | undefined;
  apiVersion: string | undefined;
  clientVersion: string | undefined;
  clientCertificate: readonly string[] | undefined;
}

/** A section rhea decoded: `data` (0x75) carries bytes, one or several. */
interface Section {
  typecode: number;
  content: unknown;
  multiple?: boolean;
}

function isSection(value: unknown): value is Section {
  return value !== null && typeof value === 'object' && 'typecode' in value && 'content' in value;
}

/**
 * The body as text: a data section (how the SDKs send JSON), several data sections joined, an
 * amqp-value string (the Node SDK's empty poll body), or nothing. Anything else is not text.
 */
export function messageBodyText(body: unknown): string | undefined {
  return messageBody(body)?.text;
}

/** The body as messageBodyText reads it, saying where bytes are not UTF-8. */
function messageBody(body: unknown): DeviceText | undefined {
  if (body === undefined || body === null) return { text: '' };
  if (typeof body === 'string') return { text: body };
  if (Buffer.isBuffer(body)) return decodeDeviceText(body);
  if (isSection(body)) {
    if (Buffer.isBuffer(body.content)) return decodeDeviceText(body.content);
    const parts = body.multiple && Array.isArray(body.content) ? body.content : undefined;
    if (parts?.every((part) => Buffer.isBuffer(part))) return decodeDeviceText(Buffer.concat(parts));
    if (typeof body.content === 'string') return { text: body.content };
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Parse step: a device message into a core request (register, poll, or unexpected). */
export function messageRequest(message: Message, context: MessageContext): CoreRequest {
  const properties = (message.application_properties ?? {}) as Record<string, unknown>;
  const operationType = text(properties['iotdps-operation-type']);
  const operationId = text(properties['iotdps-operation-id']);
  const correlationId = text(message.correlation_id ?? message.message_id);
  const wire: AmqpWire = {
    ...context.wire,
    ...(operationType !== undefined ? { operationType } : {}),
    ...(operationId !== undefined ? { operationId } : {}),
    ...(correlationId !== undefined ? { correlationId } : {}),
    ...(context.apiVersion !== undefined ? { apiVersion: context.apiVersion } : {}),
    ...(context.clientVersion !== undefined ? { clientVersion: context.clientVersion } : {}),
  };
  const base = {
    frontEnd: context.frontEnd,
    connection: context.connection,
    wire,
    receivedAt: context.receivedAt,
    ...(context.apiVersion !== undefined ? { apiVersion: context.apiVersion } : {}),
    ...(context.password !== undefined ? { authorization: context.password } : {}),
    ...(context.clientCertificate !== undefined ? { clientCertificate: context.clientCertificate } : {}),
  };
  const identity = context.identity ?? { idScope: '', registrationId: '' };
  const who = context.identity ? { registrationId: identity.registrationId } : {};
  const decoded = messageBody(message.body);
  if (decoded === undefined) return { kind: 'unexpected', ...base, ...who, reason: 'invalid-body', detail: 'the message body is neither a data section nor a string' };
  const bodyText = decoded.text;
  const size = Buffer.byteLength(bodyText);
  if (size > MAX_MESSAGE_BYTES) return { kind: 'unexpected', ...base, ...who, reason: 'body-too-large', detail: `${size} bytes > ${MAX_MESSAGE_BYTES}` };
  if (operationType === REGISTER_OPERATION) return { kind: 'register', ...base, ...identity, bodyText, ...(decoded.notUtf8 !== undefined ? { notUtf8: decoded.notUtf8 } : {}) };
  if (operationType === STATUS_OPERATION) {
    if (!operationId) return { kind: 'unexpected', ...base, ...who, reason: 'unknown-operation', detail: 'iotdps-get-operationstatus without iotdps-operation-id', bodyText };
    return { kind: 'poll', ...base, ...identity, operationId, ...(bodyText ? { bodyText } : {}) };
  }
  return { kind: 'unexpected', ...base, ...who, reason: 'unknown-operation-type', detail: `iotdps-operation-type ${JSON.stringify(operationType ?? null)}`, bodyText };
}

/** The answer body exactly as the core serialised it. */
export function bodyText(reply: Extract<CoreReply, { kind: 'answer' }>): string {
  return reply.bodyText ?? '';
}
