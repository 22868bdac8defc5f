import type { Dialect } from '../../results/check-result.js';
import type { AllocationOutcome } from '../allocation/allocator.js';

/**
 * How the emulator treats one registration, set by the device suite with `emulator.plan()`.
 * Every member is optional; an absent plan means the emulator's defaults.
 */
export interface RegistrationPlan {
  /** dialect the emulator speaks to this registration; default: the emulator's `defaultDialect` */
  dialect?: Dialect;
  /** Retry-After on 202 answers; default: the emulator's `retryAfterSeconds` */
  retryAfterSeconds?: number;
  /** number of polls answered 202 `assigning` before the terminal answer (default 0) */
  pollsBeforeDone?: number;
  /** answer the first register request (the first `times`, default 1) 429 (429001) with this Retry-After */
  throttleFirst?: { retryAfterSeconds: number; times?: number };
  /** answer the first N register/poll requests 500 */
  serverErrorFirst?: number;
  /** wait this long before every answer */
  slowMs?: number;
  /** write every answer in pieces of `chunkBytes` with `pauseMs` between writes */
  fragment?: { chunkBytes: number; pauseMs: number };
  /** skip the allocator and use this outcome */
  allocation?: AllocationOutcome;
  /**
   * hand out this operation ID for the registration's operations instead of a fresh one (a contract
   * provider state names the operation a pact polls); keep it free of `/ ? & #`, as real IDs are
   */
  operationId?: string;
}

interface PlanState {
  plan: RegistrationPlan;
  throttlesSent: number;
  serverErrorsSent: number;
}

/** Plans by registration ID (case-insensitive), with the counters the one-shot faults need. */
export class PlanBook {
  readonly #plans = new Map<string, PlanState>();

  /** Sets (replaces) the plan of a registration and resets its fault counters. */
  set(registrationId: string, plan: RegistrationPlan): void {
    this.#plans.set(registrationId.toLowerCase(), { plan: { ...plan }, throttlesSent: 0, serverErrorsSent: 0 });
  }

  get(registrationId: string | undefined): RegistrationPlan {
    return (registrationId && this.#plans.get(registrationId.toLowerCase())?.plan) || {};
  }

  /** The throttle for the first register requests (one unless the plan says `times`), when the plan asks for it. */
  takeThrottle(registrationId: string): { retryAfterSeconds: number } | undefined {
    const state = this.#plans.get(registrationId.toLowerCase());
    const throttle = state?.plan.throttleFirst;
    if (!state || !throttle || state.throttlesSent >= (throttle.times ?? 1)) return undefined;
    state.throttlesSent += 1;
    return throttle;
  }

  /** True for the first N requests when the plan asks for server errors. */
  takeServerError(registrationId: string): boolean {
    const state = this.#plans.get(registrationId.toLowerCase());
    if (!state || state.serverErrorsSent >= (state.plan.serverErrorFirst ?? 0)) return false;
    state.serverErrorsSent += 1;
    return true;
  }
}
