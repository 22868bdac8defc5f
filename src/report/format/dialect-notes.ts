import type { CheckResult } from '../../results/check-result.js';
import { partyOf } from './party.js';

/**
 * What a report must say wherever it shows a webhook judged in the preview dialect: DPS documents the
 * GA webhook request only (`deviceRuntimeContext.payload`); the preview one (`deviceRuntimeContext.data`)
 * is the harness's model of the 2019 preview (docs/contract/dialects.md), so a GA webhook that refuses
 * it is not shown wrong by it.
 */
export const PREVIEW_WEBHOOK_NOTE =
  "preview: the webhook request of the preview dialect (deviceRuntimeContext.data) is the harness's model of the 2019 preview, " +
  'not a documented DPS shape; DPS documents the ga request (deviceRuntimeContext.payload), which webhook and contracts verify test by default ' +
  '(docs/contract/dialects.md)';

/** The notes a report shows for these results: the preview note when a webhook was judged in the preview dialect. */
export function dialectNotes(results: readonly CheckResult[]): string[] {
  const previewWebhook = results.some((r) => r.dialect === 'preview' && (partyOf(r) === 'webhook' || r.checkId.startsWith('load.')));
  return previewWebhook ? [PREVIEW_WEBHOOK_NOTE] : [];
}
