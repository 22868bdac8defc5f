import type { AllocationRequestSpec } from '../../src/dps/build-allocation-request.js';
import type { Dialect } from '../../src/results/check-result.js';

/**
 * A consumer-side description of one Pact contract, independent of the Pact DSL so that generation,
 * the schema test and the verifier can all read it. Values may hold Pact matchers (`MatchersV3`);
 * `reify` from @pact-foundation/pact turns a template into its example value.
 */
export interface ContractDefinition {
  /** `webhook`: DPS (consumer) -> custom allocation webhook (provider); `device`: device -> DPS */
  kind: 'webhook' | 'device';
  dialect: Dialect;
  consumer: string;
  provider: string;
  interactions: InteractionDefinition[];
}

export interface ProviderStateDefinition {
  name: string;
  params: Record<string, unknown>;
}

export interface RequestDefinition {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: unknown;
}

export interface ResponseDefinition {
  status: number;
  headers?: Record<string, unknown>;
  body?: unknown;
}

export interface InteractionDefinition {
  description: string;
  /** provider states, in order (Pact V4 allows several) */
  states?: ProviderStateDefinition[];
  /** written to the pact file as V4 interaction comments: what Pact itself cannot express */
  comments?: string[];
  request: RequestDefinition;
  response: ResponseDefinition;
  /**
   * Webhook contracts: the registration this request is made for. Generation does not send `request`'s
   * example then: it drives the emulator's own code (src/contracts/allocation-consumer.ts) for this
   * registration against the Pact mock server, so the contract is checked against what the emulator sends.
   */
  allocation?: AllocationRequestSpec;
}
