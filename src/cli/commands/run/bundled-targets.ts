import { packagePath } from '../../../meta/package-info.js';

/** A bundled device implementation, reached only through its adapter program (as pact-js examples do). */
export interface BundledDeviceTarget {
  label: string;
  adapterScript: string;
}

/** What `run` tests besides the reference webhook. */
export const BUNDLED_DEVICE_TARGETS: readonly BundledDeviceTarget[] = [
  { label: 'reference device', adapterScript: packagePath('dist', 'implementations', 'reference-device', 'adapter.js') },
  { label: 'Azure IoT Node SDK', adapterScript: packagePath('dist', 'implementations', 'azure-iot-node-sdk', 'adapter.js') },
];

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The shell command that starts an adapter with this very Node.js. */
export function adapterCommand(target: BundledDeviceTarget): string {
  return `${shellQuote(process.execPath)} ${shellQuote(target.adapterScript)}`;
}
