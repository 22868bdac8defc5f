import type { BundledImplementation } from './bundled-implementation.js';
import { JAVA_SDK } from './java-sdk-target.js';
import { packagePath } from '../meta/package-info.js';
import { PYTHON_SDK } from './python-sdk-target.js';
import { shellQuote } from './shell-quote.js';

function nodeAdapter(dir: string): () => string {
  return () => `${shellQuote(process.execPath)} ${shellQuote(packagePath('dist', 'implementations', dir, 'adapter.js'))}`;
}

/** The bundled webhook: not a device, but a name `--implementations` accepts. */
export const REFERENCE_WEBHOOK = 'reference-webhook';

/** Every bundled device implementation, in the order `run` tests them. */
export const BUNDLED_IMPLEMENTATIONS: readonly BundledImplementation[] = [
  { name: 'reference-device', label: 'reference device', reportsAs: 'dps-conformance-reference-device', transports: ['https', 'mqtt', 'mqtt-ws'], runtimes: [], standardPorts: false, command: nodeAdapter('reference-device') },
  { name: 'azure-iot-node-sdk', label: 'Azure IoT Node SDK', reportsAs: 'azure-iot-provisioning-device', transports: ['https', 'mqtt', 'mqtt-ws'], runtimes: [], standardPorts: false, command: nodeAdapter('azure-iot-node-sdk') },
  PYTHON_SDK,
  JAVA_SDK,
];

/** Every name `--implementations` and `targets install` accept. */
export function bundledNames(): string[] {
  return [REFERENCE_WEBHOOK, ...BUNDLED_IMPLEMENTATIONS.map((i) => i.name)];
}

/** The implementations with an installer (`targets install` with no names installs these). */
export function installableImplementations(): BundledImplementation[] {
  return BUNDLED_IMPLEMENTATIONS.filter((i) => i.installer !== undefined);
}
