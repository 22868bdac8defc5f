import { DIALECTS, TRANSPORTS, type CheckResult, type Level, type Outcome } from '../../results/check-result.js';
import type { RunInfo, WaiverNote, WaiverSummary } from '../../results/run-info.js';
import { invalidConfigError, notJsonError } from '../../errors/harness-error.js';
import { parseJson } from '../../json/parse-json.js';
import { DPSC_CTRF_EXTRA_VERSION } from './ctrf-document.js';
import { unpackEvidence } from './evidence-packing.js';
import { restoreSharedValues } from './shared-values.js';

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
  string(value: unknown, path: string): value is string {
    if (typeof value === 'string') return true;
    this.add(path, 'must be a string');
    return false;
  }
  optionalString(value: unknown, path: string): value is string | undefined {
    if (value === undefined || typeof value === 'string') return true;
    this.add(path, 'must be a string when present');
    return false;
  }
  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): value is T {
    if (allowed.some((a) => a === value)) return true;
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
  const { checkId, level, outcome, dialect, transport, caseId, implementation, mismatch, durationMs, exchangeMs, harnessFault, waived, blockedBy } = x;
  const message = test.message;
  // every check runs (all problems are listed); each alias narrows its value for the copy below
  const okCheckId = problems.string(checkId, `${p}.checkId`);
  const okLevel = problems.oneOf(level, LEVELS, `${p}.level`);
  const okOutcome = problems.oneOf(outcome, OUTCOMES, `${p}.outcome`);
  const okDialect = problems.oneOf(dialect, DIALECTS, `${p}.dialect`);
  const okTransport = problems.oneOf(transport, TRANSPORTS, `${p}.transport`);
  const okCaseId = problems.string(caseId, `${p}.caseId`);
  const okMessage = problems.string(message, `${path}.message`);
  const impl = readImplementation(implementation, `${p}.implementation`, problems);
  const okMismatch = problems.optionalString(mismatch, `${p}.mismatch`);
  const okDuration = durationMs === undefined || typeof durationMs === 'number';
  if (!okDuration) problems.add(`${p}.durationMs`, 'must be a number when present');
  const okExchange = exchangeMs === undefined || typeof exchangeMs === 'number';
  if (!okExchange) problems.add(`${p}.exchangeMs`, 'must be a number when present');
  const okFault = harnessFault === undefined || typeof harnessFault === 'boolean';
  if (!okFault) problems.add(`${p}.harnessFault`, 'must be a boolean when present');
  const okBlockedBy = problems.optionalString(blockedBy, `${p}.blockedBy`);
  const waiver = readWaiver(waived, `${p}.waived`, problems);
  const fieldsOk = okCheckId && okLevel && okOutcome && okDialect && okTransport && okCaseId && okMessage;
  if (!(fieldsOk && okMismatch && okDuration && okExchange && okFault && okBlockedBy)) return undefined;
  if (impl === undefined || waiver === false) return undefined;

  // copy only CheckResult fields, in their usual order
  const result: CheckResult = { checkId, level, outcome, dialect, transport, caseId, implementation: impl, message };
  if ('evidence' in x) result.evidence = x.evidence;
  if (mismatch !== undefined) result.mismatch = mismatch;
  if ('expected' in x) result.expected = x.expected;
  if ('actual' in x) result.actual = x.actual;
  if (durationMs !== undefined) result.durationMs = durationMs;
  if (exchangeMs !== undefined) result.exchangeMs = exchangeMs;
  if (waiver !== undefined) result.waived = waiver;
  if (harnessFault !== undefined) result.harnessFault = harnessFault;
  if (blockedBy !== undefined) result.blockedBy = blockedBy;
  return result;
}

/**
 * What a version 2+ document shares among its tests: the implementations by label, the evidence by id, and
 * (version 4) each check's usual passed message, which a passed test without a message has.
 */
interface SharedParts {
  implementations: Record<string, unknown>;
  evidence: Record<string, unknown>;
  passedMessages: Record<string, unknown>;
  checkLevels: Record<string, unknown>;
}

const NAME = /^(\S+) \[([\s\S]*)\]$/;

/** A check's usual passed message for a transport and dialect (`results.extra.passedMessages`, layout 4), undefined when none. */
function usualPassedMessage(table: Record<string, unknown>, checkId: string, where: string): unknown {
  const ofCheck = Object.hasOwn(table, checkId) ? table[checkId] : undefined;
  return isObject(ofCheck) && Object.hasOwn(ofCheck, where) ? ofCheck[where] : undefined;
}

/**
 * A test of a version 2 document (formatCtrf): the check and case from its name, implementation,
 * transport and dialect from its suite, the level from its first tag, the outcome from `rawStatus` (or
 * the status), the evidence from the store by id; the rest from `extra`.
 */
function readResultV2(test: unknown, path: string, problems: Problems, shared: SharedParts): CheckResult | undefined {
  if (!isObject(test)) {
    problems.add(path, 'must be a test object written by dps-conformance');
    return undefined;
  }
  const name = typeof test.name === 'string' ? NAME.exec(test.name) : null;
  if (!name) problems.add(`${path}.name`, 'must be `checkId [caseId]`');
  const suite = Array.isArray(test.suite) ? test.suite : [];
  const [label, transport, dialect] = suite as unknown[];
  const okTransport = problems.oneOf(transport, TRANSPORTS, `${path}.suite[1] (transport)`);
  const okDialect = problems.oneOf(dialect, DIALECTS, `${path}.suite[2] (dialect)`);
  const implementation = typeof label === 'string' ? readImplementation(shared.implementations[label], `results.extra.implementations[${JSON.stringify(label)}]`, problems) : undefined;
  if (typeof label !== 'string') problems.add(`${path}.suite[0] (implementation)`, 'must name an implementation of results.extra.implementations');
  // a passed test without tags is at its check's level (layout 4)
  const checkId = name?.[1] ?? '';
  const level: unknown = Array.isArray(test.tags) ? (test.tags as unknown[])[0] : test.status === 'passed' && Object.hasOwn(shared.checkLevels, checkId) ? shared.checkLevels[checkId] : undefined;
  const okLevel = problems.oneOf(level, LEVELS, `${path}.tags[0] (level)`);
  const raw = test.rawStatus ?? test.status;
  const okOutcome = problems.oneOf(raw, OUTCOMES, `${path}.rawStatus or status (outcome)`);
  const message = test.message ?? (test.status === 'passed' && name ? usualPassedMessage(shared.passedMessages, name[1] ?? '', `${String(transport)} ${String(dialect)}`) : undefined);
  const okMessage = problems.string(message, `${path}.message (or, for a passed test, its check's in results.extra.passedMessages)`);
  const x = isObject(test.extra) ? test.extra : {};
  const p = `${path}.extra`;
  const { mismatch, harnessFault, waived, blockedBy, evidence } = x;
  const okMismatch = problems.optionalString(mismatch, `${p}.mismatch`);
  const okFault = harnessFault === undefined || typeof harnessFault === 'boolean';
  if (!okFault) problems.add(`${p}.harnessFault`, 'must be a boolean when present');
  const okBlockedBy = problems.optionalString(blockedBy, `${p}.blockedBy`);
  const okEvidence = evidence === undefined || (typeof evidence === 'string' && evidence in shared.evidence);
  if (!okEvidence) problems.add(`${p}.evidence`, 'must be the id of a piece of results.extra.evidence');
  const waiver = readWaiver(waived, `${p}.waived`, problems);
  if (!name || !(okTransport && okDialect && okLevel && okOutcome && okMessage && okMismatch && okFault && okBlockedBy && okEvidence)) return undefined;
  if (implementation === undefined || waiver === false) return undefined;
  const result: CheckResult = { checkId: name[1] ?? '', level, outcome: raw, dialect, transport, caseId: name[2] ?? '', implementation, message };
  if (typeof evidence === 'string') result.evidence = shared.evidence[evidence];
  if (mismatch !== undefined) result.mismatch = mismatch;
  if ('expected' in x) result.expected = x.expected;
  if ('actual' in x) result.actual = x.actual;
  // a test's duration is the exchange the check judged, in whole ms; 0 when it judged none
  if (typeof test.duration === 'number' && test.duration > 0) result.exchangeMs = test.duration;
  if (waiver !== undefined) result.waived = waiver;
  if (harnessFault !== undefined) result.harnessFault = harnessFault;
  if (blockedBy !== undefined) result.blockedBy = blockedBy;
  return result;
}

function readImplementation(value: unknown, path: string, problems: Problems): CheckResult['implementation'] | undefined {
  if (!isObject(value)) {
    problems.add(path, 'must be an object with a name');
    return undefined;
  }
  const { name, version, displayName, docsUrl } = value;
  const okName = problems.string(name, `${path}.name`);
  const okVersion = problems.optionalString(version, `${path}.version`);
  const okDisplay = problems.optionalString(displayName, `${path}.displayName`);
  const okDocs = problems.optionalString(docsUrl, `${path}.docsUrl`);
  if (!okName || !okVersion || !okDisplay || !okDocs) return undefined;
  const implementation: CheckResult['implementation'] = { name };
  if (version !== undefined) implementation.version = version;
  if (displayName !== undefined) implementation.displayName = displayName;
  if (docsUrl !== undefined) implementation.docsUrl = docsUrl;
  return implementation;
}

/** The waiver of a result: undefined when absent, false when malformed (a problem is noted). */
function readWaiver(value: unknown, path: string, problems: Problems): { reason: string; expires: string } | undefined | false {
  if (value === undefined) return undefined;
  if (isObject(value) && typeof value.reason === 'string' && typeof value.expires === 'string') return { reason: value.reason, expires: value.expires };
  problems.add(path, 'must be {reason, expires} when present');
  return false;
}

function readRunInfo(value: unknown, problems: Problems): RunInfo | undefined {
  const p = 'results.extra.runInfo';
  if (!isObject(value)) {
    problems.add(p, 'missing: this CTRF file was not written by dps-conformance');
    return undefined;
  }
  const { tool, command, suiteVersion, startedAt, finishedAt, incompleteReason, shard, incomplete } = value;
  const toolVersion = isObject(tool) && tool.name === 'dps-conformance' && typeof tool.version === 'string' ? tool.version : undefined;
  if (toolVersion === undefined) problems.add(`${p}.tool`, 'must be {name: "dps-conformance", version}');
  const okCommand = problems.string(command, `${p}.command`);
  const okSuite = problems.string(suiteVersion, `${p}.suiteVersion`);
  const okStarted = problems.string(startedAt, `${p}.startedAt`);
  const okFinished = problems.optionalString(finishedAt, `${p}.finishedAt`);
  const okReason = problems.optionalString(incompleteReason, `${p}.incompleteReason`);
  const okShard = problems.optionalString(shard, `${p}.shard`);
  const okIncomplete = incomplete === undefined || typeof incomplete === 'boolean';
  if (!okIncomplete) problems.add(`${p}.incomplete`, 'must be a boolean when present');
  if (toolVersion === undefined || !(okCommand && okSuite && okStarted && okFinished && okReason && okShard && okIncomplete)) return undefined;
  const info: RunInfo = { tool: { name: 'dps-conformance', version: toolVersion }, command, suiteVersion, startedAt };
  if (finishedAt !== undefined) info.finishedAt = finishedAt;
  if (incomplete !== undefined) info.incomplete = incomplete;
  if (incompleteReason !== undefined) info.incompleteReason = incompleteReason;
  if (shard !== undefined) info.shard = shard;
  if ('declaration' in value) info.declaration = value.declaration;
  const waivers = readWaiverSummary(value.waivers, `${p}.waivers`, problems);
  if (waivers !== undefined) info.waivers = waivers;
  const signature = value.signature;
  if (isObject(signature) && typeof signature.keyId === 'string' && typeof signature.file === 'string') info.signature = { keyId: signature.keyId, file: signature.file };
  else if (signature !== undefined) problems.add(`${p}.signature`, 'must be {keyId, file} when present');
  if (Array.isArray(value.phases)) info.phases = value.phases as NonNullable<RunInfo['phases']>;
  return info;
}

function readWaiverNotes(value: unknown, path: string, problems: Problems): WaiverNote[] {
  if (!Array.isArray(value)) {
    problems.add(path, 'must be a list of waivers');
    return [];
  }
  const notes: WaiverNote[] = [];
  value.forEach((item: unknown, i: number) => {
    if (!isObject(item) || typeof item.checkId !== 'string' || typeof item.reason !== 'string' || typeof item.expires !== 'string') {
      problems.add(`${path}[${i}]`, 'must be {checkId, reason, expires} with optional caseId and implementation');
      return;
    }
    const note: WaiverNote = { checkId: item.checkId, reason: item.reason, expires: item.expires };
    if (typeof item.caseId === 'string') note.caseId = item.caseId;
    if (typeof item.implementation === 'string') note.implementation = item.implementation;
    notes.push(note);
  });
  return notes;
}

/** What the run's waivers did (runInfo.waivers), undefined when absent. */
function readWaiverSummary(value: unknown, path: string, problems: Problems): WaiverSummary | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || typeof value.given !== 'number' || typeof value.waivedResults !== 'number') {
    problems.add(path, 'must be {given, waivedResults, expired, unused}');
    return undefined;
  }
  return { given: value.given, waivedResults: value.waivedResults, expired: readWaiverNotes(value.expired, `${path}.expired`, problems), unused: readWaiverNotes(value.unused, `${path}.unused`, problems) };
}

/** Where a reader of the store notes what is wrong (parseCtrf's list of problems, a bench's list). */
export interface ProblemSink {
  add(path: string, message: string): void;
}

/**
 * The evidence store with each piece whole again: its shared values back in place (shared-values.ts, layout 4),
 * then unpacked (evidence-packing.ts); a piece that cannot be is a problem of the file.
 */
export function unpackStore(stored: Record<string, unknown>, sharedValues: unknown, problems: ProblemSink): Record<string, unknown> {
  const restored = restoreSharedValues(stored, sharedValues);
  for (const problem of restored.problems) problems.add('results.extra.sharedValues', problem);
  const store = restored.store;
  const out: Record<string, unknown> = {};
  for (const [id, piece] of Object.entries(store)) {
    try {
      out[id] = unpackEvidence(piece);
    } catch (error) {
      problems.add(`results.extra.evidence.${id}`, `a body marked bodyFromText or parsedFrom has a text that cannot be read back (${error instanceof Error ? error.message : String(error)})`);
      out[id] = piece;
    }
  }
  return out;
}

/**
 * Reads a ctrf.json written by formatCtrf (this version's layout, or version 1's, where each test's
 * `extra` held every field) back into results and run info (for `report merge`, `report diff` and
 * `verify-report`). Results that cite one piece of evidence share one object. Accepts the file's text or the parsed value; anything else is a harness error
 * (exit status 2) listing what is wrong, with `source` naming the file.
 */
export function parseCtrf(input: unknown, source = 'ctrf.json'): { results: CheckResult[]; runInfo: RunInfo } {
  let document = input;
  if (typeof input === 'string') {
    try {
      // big integers in evidence keep every digit (docs/contract/reports.md, "Exact numbers")
      document = parseJson(input);
    } catch (error) {
      throw notJsonError(source, error instanceof Error ? error.message : String(error));
    }
  }
  const problems = new Problems();
  if (!isObject(document) || document.reportFormat !== 'CTRF') throw invalidConfigError(source, ['reportFormat: must be "CTRF" (is this a CTRF report?)']);
  const body = document.results;
  if (!isObject(body) || !Array.isArray(body.tests)) throw invalidConfigError(source, ['results.tests: must be an array']);
  const extra = isObject(body.extra) ? body.extra : {};
  const extraVersion = typeof extra.dpscExtraVersion === 'number' ? extra.dpscExtraVersion : 1;
  if (extraVersion > DPSC_CTRF_EXTRA_VERSION) {
    problems.add('results.extra.dpscExtraVersion', `is ${extraVersion}; this dps-conformance reads up to ${DPSC_CTRF_EXTRA_VERSION} (upgrade it)`);
  }
  const runInfo = readRunInfo(extra.runInfo, problems);
  const results: CheckResult[] = [];
  // version 1 kept every field in each test's extra; version 2 shares implementations and evidence; version 3 packs
  // the evidence; version 4 packs it further and keeps each check's usual passed message once (docs/contract/reports.md)
  const shared = extraVersion === 1
    ? undefined
    : {
      implementations: isObject(extra.implementations) ? extra.implementations : {},
      evidence: isObject(extra.evidence) ? unpackStore(extra.evidence, extraVersion >= 4 ? extra.sharedValues : undefined, problems) : {},
      passedMessages: extraVersion >= 4 && isObject(extra.passedMessages) ? extra.passedMessages : {},
      checkLevels: extraVersion >= 4 && isObject(extra.checkLevels) ? extra.checkLevels : {},
    };
  body.tests.forEach((test: unknown, index: number) => {
    const at = `results.tests[${index}]`;
    const result = shared === undefined ? readResult(test, at, problems) : readResultV2(test, at, problems, shared);
    if (result) results.push(result);
  });
  if (problems.list.length > 0 || !runInfo) throw invalidConfigError(source, problems.list);
  return { results, runInfo };
}
