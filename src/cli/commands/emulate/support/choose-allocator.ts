import { startReferenceWebhook } from '../../../../../implementations/reference-webhook/start-reference-webhook.js';
import type { Allocator } from '../../../../emulator/allocation/allocator.js';
import { staticAllocator } from '../../../../emulator/allocation/static-allocator.js';
import { webhookAllocator } from '../../../../emulator/allocation/webhook-allocator.js';
import type { EmulatorConfigFile } from './emulator-config.js';

export interface ChosenAllocator {
  allocator: Allocator;
  /** one line for the banner (function keys masked) */
  description: string;
  /** the URL holds secrets the redactor must know */
  secrets: string[];
  close(): Promise<void>;
}

/**
 * Allocation for `emulate`: `--webhook` wins, then the config file's `allocation`, else the bundled
 * reference webhook started in-process on a free port (custom allocation, docs/contract/cli.md).
 */
export async function chooseAllocator(webhook: string | undefined, config: EmulatorConfigFile | undefined): Promise<ChosenAllocator> {
  const none = (): Promise<void> => Promise.resolve();
  const url = webhook ?? (config?.allocation?.type === 'custom' ? config.allocation.webhookUrl : undefined);
  if (url !== undefined) {
    const timeoutMs = config?.allocation?.type === 'custom' ? config.allocation.timeoutMs : undefined;
    const key = new URL(url).searchParams.get('code');
    return { allocator: webhookAllocator({ url, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }), description: `custom, webhook ${masked(url)}`, secrets: key ? [key] : [], close: none };
  }
  if (config?.allocation?.type === 'static') {
    return { allocator: staticAllocator({ hub: config.allocation.hub }), description: `static, hub ${config.allocation.hub} (returns the device's data)`, secrets: [], close: none };
  }
  const reference = await startReferenceWebhook();
  return { allocator: webhookAllocator({ url: reference.url }), description: `custom, bundled reference webhook at ${reference.url}`, secrets: [], close: () => reference.close() };
}

function masked(url: string): string {
  const parsed = new URL(url);
  return parsed.searchParams.has('code') ? `${parsed.origin}${parsed.pathname}?code=****` : url;
}
