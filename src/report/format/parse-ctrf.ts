import { DIALECTS, TRANSPORTS, type CheckResult, type Level, type Outcome } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { invalidConfigError, notJsonError } from '../../errors/harness-error.js';
import { DPSC_CTRF_EXTRA_VERSION } from './ctrf-document.js';

const LEVELS: readonly Level[] = ['MUST', 'SHOULD'];
const OUTCOMES: readonly Outcome[] = ['passed', 'failed', 'errored', 'skipped'];
const MAX_PROBLEMS = 20;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects what is wrong with a document instead of stopping at the first problem. */
class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(`${path}: ${message}`);
  }
  string(value: unknown, path: string, optional = false): value is string {
    if (typeof value === 'string' || (optional && value === undefined)) return true;
    this.add(path, optional ? 'must be a string when present' : 'must be a string');
    return false;
  }
  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): value is T {
    if (allowed.includes(value as T)) return true;
    this.add(path, `must be one of ${allowed.join(', ')}`);
    return false;
  }
}

function readResult(test: unknown, path: string, problems: Problems): CheckResult | undefined {
  if (!isObject(test) || !isObject(test.extra)) {
    problems.add(path, 'must be a test with an `extra` object written by dps-conformance');
    return undefined;
  }
  const x = test.extra;
  const p = `${path}.extra`;
  const before = problems.list.length;
  problems.string(x.checkId, `${p}.checkId`);
  problems.oneOf(x.level, LEVELS, `${p}.level`);
  problems.oneOf(x.outcome, OUTCOMES, `${p}.outcome`);
  problems.oneOf(x.dialect, DIALECTS, `${p}.dialect`);
  problems.oneOf(x.transport, TRANSPORTS, `${p}.transport`);
  problems.string(x.caseId, `${p}.caseId`);
  problems.string(test.message, `${path}.message`);
  const impl = x.implementation;
  if (!isObject(impl)) problems.add(`${p}.implementation`, 'must be an object with a name');
  else {
    problems.string(impl.name, `${p}.implementation.name`);
    problems.string(impl.version, `${p}.implementation.version`, true);
  }
  problems.string(x.mismatch, `${p}.mismatch`, true);
  if (x.durationMs !== undefined && typeof x.durationMs !== 'number') problems.add(`${p}.durationMs`, 'must be a number when present');
  if (x.exchangeMs !== undefined && typeof x.exchangeMs !== 'number') problems.add(`${p}.exchangeMs`, 'must be a number when present');
  if (x.harnessFault !== undefined && typeof x.harnessFault !== 'boolean') problems.add(`${p}.harnessFault`, 'must be a boolean when present');
  if (x.waived !== undefined && !(isObject(x.waived) && typeof x.waived.reason === 'string' && typeof x.waived.expires === 'string')) {
    problems.add(`${p}.waived`, 'must be {reason, expires} when present');
  }
  if (problems.list.length > before) return undefined;

  // the checks above proved these shapes; copy only CheckResult fields, in their usual order
  const i = impl as { name: string; version?: string };
  const result: CheckResult = {
    checkId: x.checkId as string,
    level: x.level as Level,
    outcome: x.outcome as Outcome,
    dialect: x.dialect as CheckResult['dialect'],
    transport: x.transport as CheckResult['transport'],
    caseId: x.caseId as string,
    implementation: i.version === undefined ? { name: i.name } : { name: i.name, version: i.version },
    message: test.message as string,
  };
  if ('evidence' in x) result.evidence = x.evidence;
  if (x.mismatch !== undefined) result.mismatch = x.mismatch as string;
  if ('expected' in x) result.expected = x.expected;
  if ('actual' in x) result.actual = x.actual;
  if (x.durationMs !== undefined) result.durationMs = x.durationMs as number;
  if (x.exchangeMs !== undefined) result.exchangeMs = x.exchangeMs as number;
  if (x.waived !== undefined) {
    const w = x.waived as { reason: string; expires: string };
    result.waived = { reason: w.reason, expires: w.expires };
  }
  if (x.harnessFault !== undefined) result.harnessFault = x.harnessFault as boolean;
  return result;
}

function readRunInfo(value: unknown, problems: Problems): RunInfo | undefined {
  const p = 'results.extra.runInfo';
  if (!isObject(value)) {
    problems.add(p, 'missing: this CTRF file was not written by dps-conformance');
    return undefined;
  }
  const before = problems.list.length;
  const tool = value.tool;
  if (!isObject(tool) || tool.name !== 'dps-conformance' || typeof tool.version !== 'string') {
    problems.add(`${p}.tool`, 'must be {name: "dps-conformance", version}');
  }
  for (const key of ['command', 'suiteVersion', 'startedAt'] as const) problems.string(value[key], `${p}.${key}`);
  for (const key of ['finishedAt', 'incompleteReason', 'shard'] as const) problems.string(value[key], `${p}.${key}`, true);
  if (value.incomplete !== undefined && typeof value.incomplete !== 'boolean') problems.add(`${p}.incomplete`, 'must be a boolean when present');
  if (problems.list.length > before) return undefined;
  const info: RunInfo = {
    tool: { name: 'dps-conformance', version: (tool as { version: string }).version },
    command: value.command as string,
    suiteVersion: value.suiteVersion as string,
    startedAt: value.startedAt as string,
  };
  if (value.finishedAt !== undefined) info.finishedAt = value.finishedAt as string;
  if (value.incomplete !== undefined) info.incomplete = value.incomplete as boolean;
  if (value.incompleteReason !== undefined) info.incompleteReason = value.incompleteReason as string;
  if (value.shard !== undefined) info.shard = value.shard as string;
  if ('declaration' in value) info.declaration = value.declaration;
  return info;
}

/**
 * Reads a ctrf.json written by formatCtrf back into results and run info (for `report merge` and
 * `report diff`). Accepts the file's text or the parsed value; anything else is a harness error
 * (exit status 2) listing what is wrong, with `source` naming the file.
 */
export function parseCtrf(input: unknown, source = 'ctrf.json'): { results: CheckResult[]; runInfo: RunInfo } {
  let document = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input) as unknown;
    } catch (error) {
      throw notJsonError(source, error instanceof Error ? error.message : String(error));
    }
  }
  const problems = new Problems();
  if (!isObject(document) || document.reportFormat !== 'CTRF') throw invalidConfigError(source, ['reportFormat: must be "CTRF" (is this a CTRF report?)']);
  const body = document.results;
  if (!isObject(body) || !Array.isArray(body.tests)) throw invalidConfigError(source, ['results.tests: must be an array']);
  const extra = isObject(body.extra) ? body.extra : {};
  const extraVersion = extra.dpscExtraVersion;
  if (typeof extraVersion === 'number' && extraVersion > DPSC_CTRF_EXTRA_VERSION) {
    problems.add('results.extra.dpscExtraVersion', `is ${extraVersion}; this dps-conformance reads up to ${DPSC_CTRF_EXTRA_VERSION} (upgrade it)`);
  }
  const runInfo = readRunInfo(extra.runInfo, problems);
  const results: CheckResult[] = [];
  body.tests.forEach((test: unknown, index: number) => {
    const result = readResult(test, `results.tests[${index}]`, problems);
    if (result) results.push(result);
  });
  if (problems.list.length > 0 || !runInfo) throw invalidConfigError(source, problems.list);
  return { results, runInfo };
}
