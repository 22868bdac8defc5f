#!/usr/bin/env node
/**
 * Adapter for the real Azure IoT Node provisioning SDK: `node dist/implementations/azure-iot-node-sdk/adapter.js`.
 * Speaks adapter protocol v1 on stdin/stdout; the SDK's own logs (DEBUG=azure-iot*) go to stderr.
 */
import { runAdapterLoop } from '../reference-device/adapter-loop.js';
import { sdkDriver } from './sdk-driver.js';

const log = (line: string): void => {
  process.stderr.write(`[azure-iot-node-sdk] ${line}\n`);
};

await runAdapterLoop(sdkDriver(log), { log });
process.exit(0);
