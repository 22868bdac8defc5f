import type { Dialect } from '../../results/check-result.js';
import { SecretRedactor } from '../../results/secret-redactor.js';
import { getSchemaRegistry } from '../../schemas/schema-registry.js';
import type { Redactor } from './redactor.js';

/** What the emulator uses of the schema registry. */
export interface SchemaValidator {
  validate(name: string, dialect: Dialect | undefined, value: unknown): { valid: boolean; errors: readonly { path: string; message: string }[] };
}

/**
 * The process-wide schema registry, or undefined when the schemas cannot be loaded: validation is a
 * record for the observation report, and an emulator for real devices must still run without it.
 */
export function loadSchemaValidator(): SchemaValidator | undefined {
  try {
    return getSchemaRegistry();
  } catch {
    return undefined;
  }
}

/** A fresh redactor for one emulator's transcript. */
export function createRedactor(): Redactor {
  return new SecretRedactor();
}
