import type { ImplementationDeclaration } from '../schemas/generated/harness/declaration.js';
import { loadValidatedJson } from './load-validated-json.js';

export type { ImplementationDeclaration };

/** Reads and validates a `--declare FILE` (schema `harness/declaration`); a bad file is a HarnessError (exit 2). */
export function loadDeclaration(path: string): ImplementationDeclaration {
  return loadValidatedJson(path, 'harness/declaration') as ImplementationDeclaration;
}
