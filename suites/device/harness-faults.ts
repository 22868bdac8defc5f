import type { DeviceEvidence } from './evidence/registration-evidence.js';

/**
 * Why a registration says nothing about the implementation, when the harness failed in it: the
 * emulator's own call to the allocation webhook got no answer (a reset, a connection closed before an
 * answer, refused, timed out: DPS would have allocated, so the device met a failure DPS would not have
 * given it), the emulator's allocator threw, or the adapter's restart outran the time given after it
 * had started before in this run (a loaded machine). Undefined when nothing of the harness failed.
 */
export function harnessFaultIn(e: DeviceEvidence): string | undefined {
  for (const call of e.webhookCalls) {
    if (call.outcome.kind === 'not-answered') return `the emulator's call to the allocation webhook got no answer (${call.outcome.failure}: ${call.outcome.message})`;
  }
  for (const entry of e.entries) {
    if (entry.kind === 'allocation' && entry.harnessFault !== undefined) return `the emulator's allocator failed: ${entry.harnessFault}`;
  }
  const { fault } = e.run;
  if (fault?.kind === 'timeout' && fault.evidence.during === 'restart') return `the adapter, which had started before in this run, did not start again in time (${fault.message})`;
  return undefined;
}
