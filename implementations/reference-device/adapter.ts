#!/usr/bin/env node
/**
 * The reference device's adapter program: `node dist/implementations/reference-device/adapter.js`.
 * Speaks adapter protocol v1 on stdin/stdout; logs go to stderr.
 */
import { runAdapterLoop } from './adapter-loop.js';
import { referenceDriver } from './reference-driver.js';

const log = (line: string): void => {
  process.stderr.write(`[reference-device] ${line}\n`);
};

await runAdapterLoop(referenceDriver({ log }), { log });
// MQTT and TLS sockets are closed by now; exit explicitly so a stray timer cannot keep the adapter alive
process.exit(0);
