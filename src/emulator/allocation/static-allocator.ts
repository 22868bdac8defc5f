import { minifyJson } from '../../json/raw-json-member.js';
import type { AllocationContext, AllocationOutcome, Allocator } from './allocator.js';

export interface StaticAllocatorOptions {
  /** hub to assign; the first linked hub when absent */
  hub?: string;
  /**
   * What to return to the device: `true` (default) echoes the device's data (ga: the payload object
   * itself; preview: the data as a JSON string, since preview returnData is a string), `false`
   * returns nothing, a function computes it.
   */
  echo?: boolean | ((context: AllocationContext) => unknown);
}

/**
 * Assigns every registration to one hub. The default echo returns the device's own data, so a
 * device test can see its data make the round trip without a webhook.
 */
export function staticAllocator(options: StaticAllocatorOptions = {}): Allocator {
  return (context) => {
    const hub = options.hub ?? context.linkedHubs[0];
    if (!hub) return Promise.resolve<AllocationOutcome>({ kind: 'failed', errorCode: 400208, errorMessage: 'No IoT hub is linked.' });
    const outcome: AllocationOutcome = { kind: 'assigned', hub };
    if (typeof options.echo === 'function') {
      const returnData = options.echo(context);
      if (returnData !== undefined) outcome.returnData = returnData;
    } else if (options.echo ?? true) Object.assign(outcome, echoOf(context));
    return Promise.resolve(outcome);
  };
}

/** The device's own data as returned data; from its raw text where there is one, so every digit survives. */
function echoOf(context: AllocationContext): { returnData?: unknown; returnDataJson?: string } {
  if (!context.hasData) return {};
  const raw = context.dataJson === undefined ? undefined : minifyJson(context.dataJson);
  if (context.dialect === 'preview') return { returnData: typeof context.data === 'string' ? context.data : (raw ?? JSON.stringify(context.data)) };
  if (!isPlainObject(context.data)) return {};
  return raw === undefined ? { returnData: context.data } : { returnData: context.data, returnDataJson: raw };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
