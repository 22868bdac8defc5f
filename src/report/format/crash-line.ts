/**
 * The first line of a crash as a person would quote it: the error line of a stack trace with the
 * first source location, e.g. `SyntaxError: Unexpected token ')' (mqtt.js:47)`, found in the stderr an
 * adapter left in a result's evidence. Undefined when the evidence holds no stderr worth quoting.
 */
export function crashLine(evidence: unknown): string | undefined {
  return quotedLine(evidence, false);
}

/**
 * crashLine, only when the stderr holds an error line (`SyntaxError: ...`, `...Exception: ...`): what a
 * result whose adapter did not crash may quote. An adapter's ordinary log line (`register X over mqtt`,
 * a logger's start-up warning) explains no failure.
 */
export function errorLine(evidence: unknown): string | undefined {
  return quotedLine(evidence, true);
}

function quotedLine(evidence: unknown, errorsOnly: boolean): string | undefined {
  const stderr = stderrOf(evidence);
  if (stderr === undefined) return undefined;
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (lines.length === 0) return undefined;
  const error = lines.find((line) => ERROR_LINE.test(line));
  if (error === undefined && errorsOnly) return undefined;
  const location = lines.map((line) => LOCATION.exec(line)).find((match) => match !== null);
  const where = location ? `${location[1] ?? ''}:${location[2] ?? ''}` : undefined;
  const head = error ?? lines[0] ?? '';
  const line = where !== undefined && !head.includes(where) ? `${head} (${where})` : head;
  return line.length > MAX_CHARS ? `${line.slice(0, MAX_CHARS - 1)}…` : line;
}

const MAX_CHARS = 200;
/** `SyntaxError: ...`, `java.lang.IllegalStateException: ...`, `ModuleNotFoundError: ...`, `Error [ERR_X]: ...` */
const ERROR_LINE = /^(?:[\w$.]+\.)?\w*(?:Error|Exception)\b(?:\s*\[[^\]]*\])?:?/;
/** the last path segment and line of a source location: `/x/node_modules/mqtt/lib/mqtt.js:47` -> mqtt.js, 47 */
const LOCATION = /([\w.-]+\.(?:js|mjs|cjs|ts|py|java|kt|go|c|cc|cpp|rs|rb|cs))["']?(?:,\s*line\s*|:)(\d+)/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** stderr as the device suite keeps it (`adapter.stderrTail`) or as an adapter fault does (`stderr`). */
export function stderrOf(evidence: unknown): string | undefined {
  if (!isRecord(evidence)) return undefined;
  const adapter = isRecord(evidence['adapter']) ? evidence['adapter'] : {};
  for (const value of [evidence['stderr'], evidence['stderrTail'], adapter['stderrTail'], adapter['stderr']]) {
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (Array.isArray(value)) return value.filter((line): line is string => typeof line === 'string').join('\n');
  }
  return undefined;
}

/** The adapter fault a device result recorded (`adapter.fault`), e.g. `{kind: "crash", message: "the adapter exited ..."}`. */
export function adapterFaultOf(evidence: unknown): { kind: string; message: string } | undefined {
  if (!isRecord(evidence) || !isRecord(evidence['adapter'])) return undefined;
  const fault = evidence['adapter']['fault'];
  if (!isRecord(fault) || typeof fault['kind'] !== 'string' || typeof fault['message'] !== 'string') return undefined;
  return { kind: fault['kind'], message: fault['message'] };
}
