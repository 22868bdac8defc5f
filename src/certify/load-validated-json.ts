import { invalidConfigError } from '../errors/harness-error.js';
import { readJsonFile } from '../json/parse-json-file.js';
import { formatReadableErrors } from '../schemas/readable-errors.js';
import { getSchemaRegistry } from '../schemas/schema-registry.js';

/**
 * Reads a harness file (`--declare`, `--waivers`) and validates it against its schema. Every failure is
 * a HarnessError (exit 2) naming the file and where in it: line and column for broken JSON, the JSON
 * Pointer of each offending member for a schema mismatch.
 */
export function loadValidatedJson(path: string, schemaName: string): unknown {
  const document = readJsonFile(path);
  const outcome = getSchemaRegistry().validate(schemaName, undefined, document);
  if (!outcome.valid) throw invalidConfigError(path, formatReadableErrors(outcome.errors));
  return document;
}
