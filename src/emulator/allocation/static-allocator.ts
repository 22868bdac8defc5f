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
    const returnData = echoOf(options.echo ?? true, context);
    if (returnData !== undefined) outcome.returnData = returnData;
    return Promise.resolve(outcome);
  };
}

function echoOf(echo: NonNullable<StaticAllocatorOptions['echo']>, context: AllocationContext): unknown {
  if (typeof echo === 'function') return echo(context);
  if (!echo || !context.hasData) return undefined;
  if (context.dialect === 'preview') return typeof context.data === 'string' ? context.data : JSON.stringify(context.data);
  return isPlainObject(context.data) ? context.data : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
