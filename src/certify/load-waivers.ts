import type { Waiver, WaiversFile } from '../schemas/generated/harness/waivers.js';
import { loadValidatedJson } from './load-validated-json.js';

export type { Waiver };

/** Reads and validates a `--waivers FILE` (schema `harness/waivers`); a bad file is a HarnessError (exit 2). */
export function loadWaivers(path: string): Waiver[] {
  return (loadValidatedJson(path, 'harness/waivers') as WaiversFile).waivers;
}
