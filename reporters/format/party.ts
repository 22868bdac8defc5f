import type { CheckResult } from '../../src/results/check-result.js';

/** Which party a check judges: each gets its own matrix, so device and webhook families never share a table. */
export type Party = 'device' | 'webhook' | 'other';

export const PARTY_TITLE: Record<Party, string> = {
  device: 'Devices and SDKs',
  webhook: 'Webhooks',
  other: 'Other checks',
};

/** `device.*` and the end-to-end `e2e.*` checks run against a device; `webhook.*` against a webhook. */
export function partyOf(result: Pick<CheckResult, 'checkId'>): Party {
  const head = result.checkId.split('.', 1)[0];
  if (head === 'device' || head === 'e2e') return 'device';
  if (head === 'webhook') return 'webhook';
  return 'other';
}
