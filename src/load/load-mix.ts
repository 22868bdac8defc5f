import type { Dialect } from '../results/check-result.js';

/**
 * One entry of the load mix: a case in one dialect, already turned into what load sends. The command
 * builds the mix from the corpus (`src/cli/commands/load/corpus-mix.ts`), so load itself needs no suite.
 */
export interface MixItem {
  caseId: string;
  dialect: Dialect;
  linkedHubs: readonly string[];
  /** the allocation request DPS would send to `webhookUrl` for this case, as JSON text */
  allocationRequestText(webhookUrl: string): string;
  /** the device data as raw JSON text, or undefined when the case sends none */
  dataJson?: string;
}

/** A webhook-mode request, built once and sent many times. */
export interface PreparedRequest {
  caseId: string;
  dialect: Dialect;
  text: string;
  linkedHubs: readonly string[];
}

/** The allocation request of every mix item, as DPS would send it to `webhookUrl`. */
export function prepareWebhookRequests(mix: readonly MixItem[], webhookUrl: string): PreparedRequest[] {
  return mix.map((item) => ({
    caseId: item.caseId,
    dialect: item.dialect,
    text: item.allocationRequestText(webhookUrl),
    linkedHubs: item.linkedHubs,
  }));
}

/** The register body of a device for one mix item (data spliced in as sent, every digit kept). */
export function registrationBody(registrationId: string, item: Pick<MixItem, 'dialect' | 'dataJson'>): string {
  const head = `{"registrationId":${JSON.stringify(registrationId)}`;
  if (item.dataJson === undefined) return `${head}}`;
  return `${head},"${item.dialect === 'ga' ? 'payload' : 'data'}":${item.dataJson}}`;
}
