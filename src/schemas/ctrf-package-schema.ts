import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The registry name of the CTRF schema. */
export const CTRF_SCHEMA_NAME = 'ctrf/report';

/** The file of the `ctrf` package's schema for the CTRF version dps-conformance writes (`specVersion` 0.0.0). */
const SCHEMA_FILE = 'ctrf-schema-0.0.json';

/**
 * The CTRF JSON Schema as the `ctrf` package (the format's reference implementation, https://ctrf.io)
 * ships it, read as a file beside the package's entry point rather than through its `schema` export:
 * importing the package loads its own ajv and validators, which every command that builds the registry
 * would pay for. A test checks the file is the one the package exports.
 *
 * The schema declares draft-07; the keywords it uses (type, properties, required, additionalProperties,
 * a single-schema `items`, enum, const, pattern, format, anyOf, `$ref` to `#/definitions/...`) mean the
 * same in 2020-12, so the registry's 2020-12 ajv compiles it once its `$schema` is dropped.
 */
export function ctrfPackageSchema(): Record<string, unknown> {
  const entry = createRequire(import.meta.url).resolve('ctrf');
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(dirname(entry), SCHEMA_FILE), 'utf8')) as Record<string, unknown>;
  return schema;
}
