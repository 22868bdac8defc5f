import type { DeviceEvidence } from './evidence/registration-evidence.js';

/**
 * Why a registration says nothing about the implementation, when the harness failed in it: the
 * emulator's own call to the allocation webhook got no answer (a reset, a connection closed before an
 * answer, refused, timed out: DPS would have allocated, so the device met a failure DPS would not have
 * given it), the emulator's allocator threw, the adapter's restart outran the time given after it
 * had started before in this run (a loaded machine), or the adapter's register reply came after the
 * harness's own deadline (a JVM's cold start on a loaded machine; an adapter that never replies at all
 * is still the adapter's fault, adapter-client.ts "late window"). Undefined when nothing of the harness failed.
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
  // where DPS never finishes, a late reply is what device.timeout.givesUp judges, not the harness's fault
  if (fault?.kind === 'timeout' && fault.evidence.lateByMs !== undefined && e.run.deviceCase.kind !== 'gives-up') {
    return `the adapter replied, but ${fault.evidence.lateByMs} ms after the harness's deadline (timeoutMs ${e.run.command.timeoutMs} + slack): the machine was too slow for the time given`;
  }
  return undefined;
}
