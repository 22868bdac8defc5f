import type { Dialect } from '../../results/check-result.js';
import type { SchemaValidator } from '../support/shared-services.js';
import type { ExchangeNotes } from './core-request.js';

type Validation = NonNullable<ExchangeNotes['validation']>[number];

/**
 * Validates a body against a named schema of the dialect for the record; never decides the answer
 * (the core rejects only what DPS rejects). Without a schema registry in the tree it records that.
 */
export function validateBody(validator: SchemaValidator | undefined, schema: string, dialect: Dialect, value: unknown): Validation {
  if (!validator) return { schema, dialect, valid: true, errors: [], skipped: 'no schema registry in this build' };
  try {
    const { valid, errors } = validator.validate(schema, dialect, value);
    return { schema, dialect, valid, errors: errors.map((e) => ({ path: e.path, message: e.message })) };
  } catch (error) {
    return { schema, dialect, valid: false, errors: [{ path: '', message: `validator failed: ${(error as Error).message}` }] };
  }
}
