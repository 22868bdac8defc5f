import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { packagePath } from '../meta/package-info.js';
import { unknownSchemaError } from '../errors/harness-error.js';
import type { Dialect } from '../results/check-result.js';
import { DIALECTS } from '../results/check-result.js';
import { CTRF_SCHEMA_NAME, ctrfPackageSchema } from './ctrf-package-schema.js';
import { readableErrors, type ReadableError } from './readable-errors.js';
import type { SchemaTypes, TypedSchemaName } from './schema-types.js';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

export interface ValidationOutcome {
  valid: boolean;
  /** the schema name that was used, e.g. `ga/registration-request` */
  schema: string;
  errors: ReadableError[];
}

/** The outcome of `check`: when valid, the value typed as the schema's generated type. */
export type TypedValidation<T> = { valid: true; schema: string; value: T } | { valid: false; schema: string; errors: ReadableError[] };

const SUFFIX = '.schema.json';

function listSchemaFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listSchemaFiles(full));
    else if (entry.name.endsWith(SUFFIX)) files.push(full);
  }
  return files.sort();
}

/**
 * Every schema under `schemas/`, added to one strict ajv instance and compiled once on first use.
 * Names are paths without the suffix: `ga/registration-request`, `adapter/register-reply`,
 * `harness/cases`. A name without a directory is looked up in the dialect's directory. Beside them,
 * `ctrf/report`: the CTRF schema of the `ctrf` package (ctrf-package-schema.ts), which a ctrf.json is
 * read against together with its dps-conformance layout (`report/ctrf-layout-N`).
 */
export class SchemaRegistry {
  private readonly ajv: Ajv2020;
  private readonly ids = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(root: string = packagePath('schemas')) {
    // the schemas are checked against the 2020-12 meta-schema by the project's tests, not on every
    // start: compiling the meta-schema costs more than the validators the run needs
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateSchema: false });
    addFormats(this.ajv);
    for (const file of listSchemaFiles(root)) {
      const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id?: string };
      const name = relative(root, file).split(sep).join('/').slice(0, -SUFFIX.length);
      const id = schema.$id ?? name;
      this.ajv.addSchema(schema, id);
      this.ids.set(name, id);
    }
    this.ajv.addSchema(ctrfPackageSchema(), CTRF_SCHEMA_NAME);
    this.ids.set(CTRF_SCHEMA_NAME, CTRF_SCHEMA_NAME);
  }

  /** Every schema name, sorted. */
  names(): string[] {
    return [...this.ids.keys()].sort();
  }

  /** The full name a user's name stands for (`registration-request` + `ga` -> `ga/registration-request`). */
  resolve(name: string, dialect?: Dialect): string {
    const bare = name.replace(/\.schema\.json$/, '');
    if (this.ids.has(bare)) return bare;
    if (!bare.includes('/')) {
      const inDialect = `${dialect ?? 'ga'}/${bare}`;
      if (this.ids.has(inDialect)) return inDialect;
      const matches = this.names().filter((n) => n.endsWith(`/${bare}`) && !DIALECTS.some((d) => n.startsWith(`${d}/`)));
      if (matches.length === 1 && matches[0] !== undefined) return matches[0];
    }
    throw unknownSchemaError(name, this.names().filter((n) => n !== 'common/defs'));
  }

  /** The compiled validator of a schema (compiled once). */
  validator(name: string, dialect?: Dialect): ValidateFunction {
    const full = this.resolve(name, dialect);
    let validate = this.compiled.get(full);
    if (!validate) {
      const id = this.ids.get(full);
      validate = id === undefined ? undefined : this.ajv.getSchema(id);
      if (!validate) throw unknownSchemaError(name, this.names());
      this.compiled.set(full, validate);
    }
    return validate;
  }

  validate(name: string, dialect: Dialect | undefined, value: unknown): ValidationOutcome {
    const schema = this.resolve(name, dialect);
    const validate = this.validator(schema);
    const valid = validate(value);
    return { valid, schema, errors: valid ? [] : readableErrors(validate.errors, value) };
  }

  /**
   * Validates against one definition inside a schema (`common/defs`, `initialTwin` for its
   * `#/$defs/initialTwin`), so that a check about one member gets errors about that member only, with
   * paths relative to it (an `anyOf` around the member would add every alternative's error).
   */
  validateDefinition(name: string, definition: string, value: unknown): ValidationOutcome {
    const schema = this.resolve(name);
    const key = `${schema}#/$defs/${definition}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.getSchema(`${this.ids.get(schema) ?? schema}#/$defs/${definition}`);
      if (!validate) throw unknownSchemaError(key, this.names());
      this.compiled.set(key, validate);
    }
    const valid = validate(value);
    return { valid, schema: key, errors: valid ? [] : readableErrors(validate.errors, value) };
  }

  /** A type guard for a schema with a generated type (`src/schemas/schema-types.ts`): true when the value is valid. */
  guard<N extends TypedSchemaName>(name: N): (value: unknown) => value is SchemaTypes[N] {
    const validate = this.validator(name);
    return (value: unknown): value is SchemaTypes[N] => validate(value);
  }

  /** Validates against a schema with a generated type; a valid value comes back typed, an invalid one with readable errors. */
  check<N extends TypedSchemaName>(name: N, value: unknown): TypedValidation<SchemaTypes[N]> {
    const validate = this.validator(name);
    // the guard runs the same compiled validator, so `validate.errors` holds its errors
    if (this.guard(name)(value)) return { valid: true, schema: name, value };
    return { valid: false, schema: name, errors: readableErrors(validate.errors, value) };
  }

  /** Compiles every schema (strict mode reports any schema mistake here). */
  compileAll(): void {
    for (const name of this.names()) this.validator(name);
  }
}

let shared: SchemaRegistry | undefined;

/** The process-wide registry over the package's schemas. */
export function getSchemaRegistry(): SchemaRegistry {
  shared ??= new SchemaRegistry();
  return shared;
}
