import { DIALECTS } from '../../src/results/check-result.js';
import type { ContractDefinition } from './contract-definition.js';
import { deviceContract } from './device-contract.js';
import { webhookContract } from './webhook-contract.js';

export type { ContractDefinition, InteractionDefinition, ProviderStateDefinition } from './contract-definition.js';
export { DEVICE_STATES } from './device-contract.js';
export { devicePacticipant, dpsPacticipant, pactFileName, webhookPacticipant } from './pacticipants.js';

/** Every contract the project publishes: per dialect, DPS -> webhook and device -> DPS. */
export function contractDefinitions(): ContractDefinition[] {
  return DIALECTS.flatMap((dialect) => [webhookContract(dialect), deviceContract(dialect)]);
}
