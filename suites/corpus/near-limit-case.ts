import { DIALECTS } from '../../src/results/check-result.js';
import type { CorpusCase } from './corpus-case.js';
import { allocationRequestFor } from './corpus-request.js';
import { DEFAULT_LINKED_HUBS } from './default-hubs.js';

/**
 * Size of the allocation request of the near-limit case, in bytes. DPS caps a message at 98 304 bytes
 * (docs/protocol/limits.md); the margin of about 2 KB leaves room for a long webhook URL in the enrollment record and
 * for the reference webhook's echo, which adds its own members around the same data.
 */
export const NEAR_LIMIT_REQUEST_BYTES = 96_000;

/**
 * The case whose device data brings the allocation request close to the 96 KB limit. Generated rather
 * than stored: its size depends on the rest of the request, so it is measured, not guessed.
 */
export function nearLimitCase(): CorpusCase {
  const entry: CorpusCase = {
    id: 'size-near-limit',
    title: `Device data large enough that the allocation request is about ${NEAR_LIMIT_REQUEST_BYTES} bytes (DPS limit 98304)`,
    dialects: ['ga', 'preview'],
    data: { modelId: 'dtmi:com:example:Thermostat;1', blob: '' },
    enrollment: 'group',
    attestation: 'symmetricKey',
    linkedHubs: [...DEFAULT_LINKED_HUBS],
    tags: ['size'],
  };
  const base = Math.max(...DIALECTS.map((d) => allocationRequestFor(entry, d).byteLength));
  const pattern = 'dps-conformance near-limit filler 0123456789 ';
  const blob = pattern.repeat(Math.ceil(NEAR_LIMIT_REQUEST_BYTES / pattern.length)).slice(0, NEAR_LIMIT_REQUEST_BYTES - base);
  entry.data = { modelId: 'dtmi:com:example:Thermostat;1', blob };
  return entry;
}
