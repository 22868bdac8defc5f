import { setTimeout as sleep } from 'node:timers/promises';
import type { DeviceOutcome, DeviceRegistration, DpsAnswer, DpsChannel, RetryPolicy, WaitReason } from './device-types.js';
import { DeviceError } from './device-types.js';
import { httpsChannel } from './https-channel.js';
import { openAmqpChannel } from './amqp-channel.js';
import { openMqttChannel } from './mqtt-channel.js';
import { asText, parseLosslessJson, stringifyLosslessJson, type LosslessJson } from './lossless-json.js';

/** Default waits: what DPS advised, else 2 s (the Azure SDKs' default polling interval, docs/protocol/sdks.md). */
export const honourRetryAfter: RetryPolicy = {
  delayMs: (_reason: WaitReason, advisedSeconds: number | undefined) => (advisedSeconds ?? 2) * 1000,
};

const TERMINAL = new Set(['assigned', 'failed', 'disabled']);
const MAX_RETRIES = 5;

type JsonObject = { [key: string]: LosslessJson };

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The register body in the dialect's vocabulary: ga `payload`, preview `data` (docs/contract/dialects.md). */
export function registerBody(reg: DeviceRegistration): string {
  const body: JsonObject = { registrationId: reg.registrationId };
  if (reg.data !== undefined) body[reg.dialect === 'ga' ? 'payload' : 'data'] = reg.data;
  return stringifyLosslessJson(body);
}

function parseBody(answer: DpsAnswer): JsonObject {
  let value: LosslessJson;
  try {
    value = parseLosslessJson(answer.bodyText);
  } catch (error) {
    throw new DeviceError(`DPS answered ${answer.status} with a body that is not JSON: ${(error as Error).message}`, answer.status);
  }
  if (!isObject(value)) throw new DeviceError(`DPS answered ${answer.status} with a body that is not a JSON object`, answer.status);
  return value;
}

function errorFromAnswer(answer: DpsAnswer): DeviceError {
  let message = `DPS answered ${answer.status}`;
  let errorCode: number | undefined;
  try {
    const body = parseBody(answer);
    if (typeof body['message'] === 'string') message += `: ${body['message']}`;
    if (typeof body['errorCode'] === 'number') errorCode = body['errorCode'];
  } catch {
    // an error body that is not JSON still says its status
  }
  return new DeviceError(message, answer.status, errorCode);
}

/** What the application gets from a terminal operation status. */
function outcomeOf(operation: JsonObject, dialect: DeviceRegistration['dialect']): DeviceOutcome {
  const state = isObject(operation['registrationState']) ? operation['registrationState'] : {};
  const status = typeof operation['status'] === 'string' ? operation['status'] : asText(state['status']);
  const result: Extract<DeviceOutcome, { result: unknown }>['result'] = { status };
  for (const key of ['assignedHub', 'deviceId', 'substatus', 'errorMessage'] as const) {
    const value = state[key];
    if (typeof value === 'string') result[key] = value;
  }
  if (typeof state['errorCode'] === 'number') result.errorCode = state['errorCode'];
  const returnMember = dialect === 'ga' ? 'payload' : 'returnData';
  if (Object.prototype.hasOwnProperty.call(state, returnMember)) result.returnData = state[returnMember] as LosslessJson;
  return { result };
}

function openChannel(reg: DeviceRegistration, timeoutMs: number): Promise<DpsChannel> {
  if (reg.transport === 'https') return Promise.resolve(httpsChannel(reg));
  if (reg.transport === 'amqp' || reg.transport === 'amqp-ws') return openAmqpChannel(reg, timeoutMs);
  return openMqttChannel(reg, timeoutMs);
}

/**
 * Registers once and reports what an application would get (docs/contract/adapter-protocol.md): register, poll
 * until a terminal status, waiting as DPS advises (Retry-After on 202, 429 and 5xx), giving up at the
 * deadline. Never throws: failures are an `error` outcome.
 */
export async function registerDevice(reg: DeviceRegistration): Promise<DeviceOutcome> {
  const policy = reg.retryPolicy ?? honourRetryAfter;
  const log = reg.log ?? (() => undefined);
  const remaining = (): number => reg.deadline - Date.now();
  /** when the latest request was handed to the transport */
  let sentAt = Date.now();
  const wait = async (reason: WaitReason, advised: number | undefined): Promise<void> => {
    const ms = Math.max(0, policy.delayMs(reason, advised, Date.now() - sentAt));
    if (ms >= remaining()) throw new DeviceError(`gave up: the deadline comes before the next attempt (${reason}, ${ms} ms)`);
    log(`waiting ${ms} ms (${reason}, Retry-After ${advised ?? 'absent'})`);
    if (ms > 0) await sleep(ms);
  };
  /** One request, repeated after 429 and 5xx as advised. */
  const withRetries = async (send: (timeoutMs: number) => Promise<DpsAnswer>): Promise<DpsAnswer> => {
    for (let attempt = 0; ; attempt += 1) {
      if (remaining() <= 0) throw new DeviceError('gave up: deadline reached');
      sentAt = Date.now();
      const answer = await send(remaining());
      log(`DPS answered ${answer.status}${answer.retryAfterSeconds === undefined ? '' : ` retry-after ${answer.retryAfterSeconds}`}`);
      const retryable = answer.status === 429 || answer.status >= 500;
      if (!retryable || attempt >= MAX_RETRIES) return answer;
      await wait(answer.status === 429 ? 'throttled' : 'server-error', answer.retryAfterSeconds ?? (answer.status === 429 ? undefined : 1));
    }
  };

  let channel: DpsChannel | undefined;
  try {
    channel = await openChannel(reg, Math.max(1, remaining()));
    const open = channel;
    const body = reg.registerBody ? reg.registerBody(registerBody(reg)) : registerBody(reg);
    let answer = await withRetries((ms) => open.register(body, ms));
    for (;;) {
      if (answer.status >= 300) throw errorFromAnswer(answer);
      const operation = parseBody(answer);
      const status = operation['status'];
      if (typeof status === 'string' && TERMINAL.has(status)) return outcomeOf(operation, reg.dialect);
      const operationId = operation['operationId'];
      if (typeof operationId !== 'string' || operationId === '') {
        throw new DeviceError(`DPS answered ${answer.status} with status ${asText(status)} and no operationId to poll`, answer.status);
      }
      await wait('poll', answer.retryAfterSeconds);
      answer = await withRetries((ms) => open.poll(operationId, ms));
    }
  } catch (error) {
    if (error instanceof DeviceError) {
      const reported: Extract<DeviceOutcome, { error: unknown }>['error'] = { message: error.message };
      if (error.statusCode !== undefined) reported.statusCode = error.statusCode;
      if (error.errorCode !== undefined) reported.errorCode = error.errorCode;
      return { error: reported };
    }
    return { error: { message: `unexpected failure: ${error instanceof Error ? error.message : String(error)}` } };
  } finally {
    await channel?.close();
  }
}
