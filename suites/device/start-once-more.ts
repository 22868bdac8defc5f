import { AdapterFault, isAdapterFault } from '../../src/adapters/adapter-fault.js';
import type { DeviceDriver, StartReply } from '../../src/adapters/protocol-types.js';

/**
 * Starts the adapter, and once more when the first start ran out of time: an SDK's start-up (a JVM, a
 * Python runtime) on a machine that starts thirty of them at once can outrun the limit, and the second
 * start is given twice as long (AdapterClient). A second timeout, or any other fault, is the adapter's.
 */
export async function startOnceMore(driver: DeviceDriver): Promise<StartReply> {
  try {
    return await driver.start();
  } catch (error) {
    if (!isAdapterFault(error) || error.kind !== 'timeout') throw error;
    try {
      return await driver.start();
    } catch (again) {
      if (isAdapterFault(again)) throw new AdapterFault(again.kind, `twice: ${error.message}, then ${again.message}`, again.evidence);
      throw again;
    }
  }
}

