import type { Dialect } from '../../src/results/check-result.js';

/**
 * Pacticipant names. DPS is one pacticipant per dialect and plays both roles: consumer of the custom
 * allocation webhook and provider to devices, so a Pact Broker shows the chain device -> DPS -> webhook.
 * The dialect is part of every name because the two dialects are different wire contracts.
 */
export function dpsPacticipant(dialect: Dialect): string {
  return `dps-${dialect}`;
}

export function webhookPacticipant(dialect: Dialect): string {
  return `allocation-webhook-${dialect}`;
}

export function devicePacticipant(dialect: Dialect): string {
  return `device-${dialect}`;
}

/** The file name Pact writes for a consumer/provider pair (`<consumer>-<provider>.json`). */
export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}
