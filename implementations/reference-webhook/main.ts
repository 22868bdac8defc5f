#!/usr/bin/env node
// Runs the reference webhook alone: node dist/implementations/reference-webhook/main.js --port N
import { parseArgs } from 'node:util';
import { startReferenceWebhook } from './start-reference-webhook.js';

const usage = 'usage: node dist/implementations/reference-webhook/main.js [--port N] [--host ADDR] [--function-key KEY]';
let values: { port?: string; host?: string; 'function-key'?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string' }, 'function-key': { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  }));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port takes a port number from 0 to 65535, got "${values.port}"\n${usage}\n`);
  process.exit(2);
}
const options: { port: number; host?: string; functionKey?: string } = { port };
if (values.host !== undefined) options.host = values.host;
if (values['function-key'] !== undefined) options.functionKey = values['function-key'];
try {
  const webhook = await startReferenceWebhook(options);
  process.stdout.write(`reference webhook listening on ${webhook.url}${options.functionKey ? ' (function key required as ?code=)' : ''}\n`);
  const stop = (): void => void webhook.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`cannot start the reference webhook: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
  process.exit(2);
}
