import { ErrorCatalogue } from '../error-catalogue.js';
import { escapeNonAscii } from '../support/escape-non-ascii.js';
import { serializeJson } from '../../json/raw-json.js';
import type { TranscriptEntry } from '../transcript/transcript-entry.js';
import type { CoreContext } from './core-context.js';
import type { CoreReply, CoreRequest } from './core-request.js';
import { errorAnswer, type StepResult } from './core-replies.js';
import { dpsTimestamp } from './dps-timestamp.js';
import { handleConnect } from './handle-connect.js';
import { handlePoll } from './handle-poll.js';
import { handleRegister } from './handle-register.js';
import { handleStatusLookup } from './handle-status-lookup.js';
import { handleSubscribe } from './handle-subscribe.js';
import { handleUnexpected } from './handle-unexpected.js';
import { pollHold } from './hold-poll.js';

/**
 * The one core call both front ends make (msw's handler pipeline, `src/core/handlers/RequestHandler.ts`): a transport-neutral request in, a reply out,
 * the exchange recorded once here. It never throws: a fault of its own becomes a 500 answer and a
 * transcript note, so no device can crash the emulator.
 */
export class EmulatorCore {
  readonly #context: CoreContext;

  constructor(context: CoreContext) {
    this.#context = context;
  }

  get context(): CoreContext {
    return this.#context;
  }

  /**
   * What a front end awaits before `handle` (undefined: nothing): for a poll whose allocation is
   * still running, its end, bounded by the emulator's poll hold (see hold-poll.ts).
   */
  holdBefore(request: CoreRequest): Promise<void> | undefined {
    return pollHold(this.#context, request);
  }

  handle(request: CoreRequest): CoreReply {
    let step: StepResult;
    try {
      step = this.#dispatch(request);
      step = { ...step, reply: serialised(step.reply, this.#context.asciiAnswers === true) };
    } catch (error) {
      step = { reply: serialised(errorAnswer(ErrorCatalogue.internalError, {}), false), notes: { notes: [`harness fault: ${(error as Error).message}`] } };
    }
    this.#record(request, step);
    return step.reply;
  }

  #dispatch(request: CoreRequest): StepResult {
    switch (request.kind) {
      case 'register':
        return handleRegister(this.#context, request);
      case 'poll':
        return handlePoll(this.#context, request);
      case 'status-lookup':
        return handleStatusLookup(this.#context, request);
      case 'connect':
        return handleConnect(this.#context, request);
      case 'subscribe':
        return handleSubscribe(this.#context, request);
      case 'unexpected':
        return handleUnexpected(this.#context, request);
    }
  }

  #record(request: CoreRequest, step: StepResult): void {
    const reply = step.reply;
    const registrationId = step.registrationId ?? ('registrationId' in request ? request.registrationId : undefined);
    const bodyText = 'bodyText' in request ? request.bodyText : undefined;
    this.#context.transcript.record({
      at: dpsTimestamp(new Date(request.receivedAt)),
      frontEnd: request.frontEnd,
      kind: request.kind,
      ...(registrationId !== undefined ? { registrationId } : {}),
      ...(request.connection !== undefined ? { connection: request.connection } : {}),
      // the parsed `body` is made from bodyText when the transcript is read
      request: bodyText === undefined ? { wire: request.wire } : { wire: request.wire, bodyText },
      response: responseRecord(request, reply),
      durationMs: Date.now() - request.receivedAt,
      notes: step.notes,
    });
  }
}

/**
 * The reply with its body serialised once, for the wire and the record alike (raw returned data kept
 * exact); with `ascii`, non-ASCII characters as `\uXXXX` escapes (docs/emulator-behaviour.md).
 */
function serialised(reply: CoreReply, ascii: boolean): CoreReply {
  if (reply.kind !== 'answer' || reply.body === undefined) return reply;
  const text = serializeJson(reply.body);
  return { ...reply, bodyText: ascii ? escapeNonAscii(text) : text };
}

/** MQTT SUBACK code for a refused subscription (MQTT 3.1.1 §3.9.3). */
const SUBACK_FAILURE = 0x80;

function responseRecord(request: CoreRequest, reply: CoreReply): NonNullable<TranscriptEntry['response']> {
  if (reply.kind === 'disconnect') return { disconnect: reply.reason };
  if (reply.kind === 'grant') return { grantedQos: reply.qos };
  const response: NonNullable<TranscriptEntry['response']> = { status: reply.status, body: reply.body };
  if (reply.bodyText !== undefined) response.bodyText = reply.bodyText;
  if (reply.retryAfterSeconds !== undefined) response.retryAfterSeconds = reply.retryAfterSeconds;
  // a refused subscription cannot carry an answer: the device sees SUBACK 0x80 (the body is the policy's record)
  if ('packet' in request.wire && request.wire.packet === 'subscribe') response.grantedQos = SUBACK_FAILURE;
  return response;
}
