/**
 * The reference device as an in-process module (docs/contract/adapter-protocol.md, last paragraph): the three
 * protocol operations as functions. The harness loads it with its in-process loader and msw.
 */
import type { AdapterClaims, RegisterReplyBody } from './adapter-loop.js';
import type { LosslessJson } from './lossless-json.js';
import { referenceDriver } from './reference-driver.js';

// no logging: in-process, stderr belongs to the harness
const driver = referenceDriver();

export async function start(): Promise<AdapterClaims> {
  return driver.claims();
}

export function register(request: { [key: string]: LosslessJson }): Promise<RegisterReplyBody> {
  return driver.register(request);
}

export async function stop(): Promise<void> {
  await driver.close?.();
}
