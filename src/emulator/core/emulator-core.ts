import { ErrorCatalogue } from '../error-catalogue.js';
import type { CoreContext } from './core-context.js';
import type { CoreReply, CoreRequest } from './core-request.js';
import { errorAnswer, type StepResult } from './core-replies.js';
import { dpsTimestamp } from './dps-timestamp.js';
import { handleConnect } from './handle-connect.js';
import { handlePoll } from './handle-poll.js';
import { handleRegister } from './handle-register.js';
import { handleStatusLookup } from './handle-status-lookup.js';
import { handleUnexpected } from './handle-unexpected.js';

/**
 * The one core call both front ends make (STYLE 2): a transport-neutral request in, a reply out,
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

  handle(request: CoreRequest): CoreReply {
    let step: StepResult;
    try {
      step = this.#dispatch(request);
    } catch (error) {
      step = { reply: errorAnswer(ErrorCatalogue.internalError, {}), notes: { notes: [`harness fault: ${(error as Error).message}`] } };
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
      case 'unexpected':
        return handleUnexpected(this.#context, request);
    }
  }

  #record(request: CoreRequest, step: StepResult): void {
    const reply = step.reply;
    const registrationId = step.registrationId ?? ('registrationId' in request ? request.registrationId : undefined);
    const body = 'bodyText' in request && request.bodyText !== undefined ? parsedOrText(request.bodyText) : undefined;
    this.#context.transcript.record({
      at: dpsTimestamp(new Date(request.receivedAt)),
      frontEnd: request.frontEnd,
      kind: request.kind,
      ...(registrationId !== undefined ? { registrationId } : {}),
      request: body === undefined ? { wire: request.wire } : { wire: request.wire, body },
      response:
        reply.kind === 'disconnect'
          ? { disconnect: reply.reason }
          : { status: reply.status, body: reply.body, ...(reply.retryAfterSeconds !== undefined ? { retryAfterSeconds: reply.retryAfterSeconds } : {}) },
      durationMs: Date.now() - request.receivedAt,
      notes: step.notes,
    });
  }
}

function parsedOrText(text: string): unknown {
  if (text.trim() === '') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > 4096 ? `${text.slice(0, 4096)}... (${text.length} characters)` : text;
  }
}
