import { closestValues } from './did-you-mean.js';

/**
 * The harness's own errors: usage, configuration and internal faults. Every one maps to exit status 2.
 * What a target does wrong is never a HarnessError: that is a `failed` or `errored` check result.
 * One constant per code, one factory per code, one predicate (after mocha's lib/errors.js).
 */
export const HarnessErrorCode = {
  USAGE: 'ERR_DPSC_USAGE',
  UNREADABLE_FILE: 'ERR_DPSC_UNREADABLE_FILE',
  NOT_JSON: 'ERR_DPSC_NOT_JSON',
  INVALID_CONFIG: 'ERR_DPSC_INVALID_CONFIG',
  UNKNOWN_SCHEMA: 'ERR_DPSC_UNKNOWN_SCHEMA',
  NOT_AVAILABLE: 'ERR_DPSC_NOT_AVAILABLE',
  PORT_UNAVAILABLE: 'ERR_DPSC_PORT_UNAVAILABLE',
  REPORT_WRITE: 'ERR_DPSC_REPORT_WRITE',
  INTERNAL: 'ERR_DPSC_INTERNAL',
} as const;

export type HarnessErrorCode = (typeof HarnessErrorCode)[keyof typeof HarnessErrorCode];

export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: HarnessErrorCode, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HarnessError';
    this.code = code;
    this.details = details;
  }
}

export function isHarnessError(value: unknown): value is HarnessError {
  return value instanceof HarnessError;
}

export function usageError(message: string): HarnessError {
  return new HarnessError(HarnessErrorCode.USAGE, message);
}

/**
 * An option value that selects nothing the command knows (a typo in `--case-ids`, an unknown
 * implementation): a usage error naming each unknown value with the closest known ones, and the whole
 * list of known values when some unknown value has no close match.
 */
export function unknownValuesError(option: string, unknown: readonly string[], known: readonly string[], noun: string): HarnessError {
  const lines = unknown.map((value) => {
    const close = closestValues(value, known);
    return { value, text: `${option}: no ${noun} ${JSON.stringify(value)}${close.length > 0 ? `; did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?` : ''}`, close };
  });
  const list = lines.some((l) => l.close.length === 0) ? `\nthe ${noun}s are: ${known.join(', ')}` : '';
  return new HarnessError(HarnessErrorCode.USAGE, `${lines.map((l) => l.text).join('\n')}${list}`, { option, unknown: [...unknown] });
}

export function unreadableFileError(path: string, cause: unknown): HarnessError {
  const reason = cause instanceof Error && 'code' in cause ? String((cause as NodeJS.ErrnoException).code) : String(cause);
  return new HarnessError(HarnessErrorCode.UNREADABLE_FILE, `cannot read ${path}: ${reason}`, { path }, { cause });
}

export function notJsonError(path: string, detail: string, position?: { line: number; column: number }): HarnessError {
  const where = position ? ` at line ${position.line}, column ${position.column}` : '';
  return new HarnessError(HarnessErrorCode.NOT_JSON, `${path} is not valid JSON${where}: ${detail}`, { path, ...position });
}

export function invalidConfigError(path: string, problems: readonly string[]): HarnessError {
  return new HarnessError(
    HarnessErrorCode.INVALID_CONFIG,
    `${path} is not a valid file of its kind:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    { path, problems },
  );
}

export function unknownSchemaError(name: string, known: readonly string[]): HarnessError {
  return new HarnessError(
    HarnessErrorCode.UNKNOWN_SCHEMA,
    `unknown schema "${name}"; known schemas: ${known.join(', ')} (see \`dps-conformance validate --list\`)`,
    { name },
  );
}

export function notAvailableError(what: string): HarnessError {
  return new HarnessError(HarnessErrorCode.NOT_AVAILABLE, `${what} is not yet available in this version of dps-conformance`);
}

export function portUnavailableError(port: number, host: string, option: string, cause: unknown): HarnessError {
  return new HarnessError(
    HarnessErrorCode.PORT_UNAVAILABLE,
    `cannot listen on ${host}:${port} (${(cause as NodeJS.ErrnoException).code ?? String(cause)}); choose another port with ${option} (0 picks a free one)`,
    { port, host, option },
    { cause },
  );
}

export function reportWriteError(where: string, cause: unknown): HarnessError {
  const reason = cause instanceof Error && 'code' in cause ? String((cause as NodeJS.ErrnoException).code) : cause instanceof Error ? cause.message : String(cause);
  return new HarnessError(HarnessErrorCode.REPORT_WRITE, `cannot write the report to ${where}: ${reason}`, { path: where }, { cause });
}

export function internalError(message: string, cause?: unknown): HarnessError {
  return new HarnessError(HarnessErrorCode.INTERNAL, `internal error: ${message}`, {}, { cause });
}
