import type { CheckResult } from '../../results/check-result.js';

/** Which party a check judges: each gets its own matrix, so device and webhook families never share a table. */
export type Party = 'device' | 'webhook' | 'other';

export const PARTY_TITLE: Record<Party, string> = {
  device: 'Devices and SDKs',
  webhook: 'Webhooks',
  other: 'Other checks',
};

/** `device.*`, the adapter protocol's `adapter.*` and the end-to-end `e2e.*` checks judge a device; `webhook.*` a webhook. */
export function partyOf(result: Pick<CheckResult, 'checkId'>): Party {
  const head = result.checkId.split('.', 1)[0];
  if (head === 'device' || head === 'e2e' || head === 'adapter') return 'device';
  if (head === 'webhook') return 'webhook';
  return 'other';
}
