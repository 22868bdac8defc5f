import type { CoreContext } from './core-context.js';
import type { CoreRequest } from './core-request.js';

/**
 * Default longest hold of a poll whose allocation is still running. A device told Retry-After 0
 * polls again at once; answered at once, such polls keep the event loop busy and slow the very
 * webhook call they wait for (see docs/performance.md). Held, a poll is answered the moment the
 * allocation settles, or `assigning` after this long, as DPS would have answered it.
 */
export const DEFAULT_POLL_HOLD_MS = 200;

/**
 * A promise to wait on before answering this request: the allocation of the operation a poll asks
 * about, bounded by `context.pollHoldMs` and the emulator's lifetime; undefined (answer at once)
 * for any other request, a settled or unknown operation, or when holding is off.
 */
export function pollHold(context: CoreContext, request: CoreRequest): Promise<void> | undefined {
  const holdMs = context.pollHoldMs ?? 0;
  if (request.kind !== 'poll' || holdMs <= 0 || context.signal.aborted) return undefined;
  const operation = context.registrations.get(request.registrationId)?.operations.get(request.operationId);
  if (!operation || operation.terminal || operation.outcome !== undefined || !operation.settling) return undefined;
  const settling = operation.settling;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      context.signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, holdMs);
    context.signal.addEventListener('abort', done, { once: true });
    void settling.then(done);
  });
}
