import assert from 'node:assert/strict';
import { PEAK_RSS_LIMIT_MB } from './run-measured-cli.js';
import { describeHostile, type HostileResult, type HostileRun } from './hostile-run.js';

export interface ExpectedReport {
  checkId: string;
  outcome: 'failed' | 'errored';
  message: RegExp;
}

/**
 * What every hostile run must end in: the CLI finished by itself (not killed at the hard limit), wrote
 * a ctrf.json that parses, reported the misbehaviour as the expected result with evidence, blamed
 * nothing on itself (no harness fault), stayed under the memory limit and exited with `exitStatus`.
 * Returns the result that reports the misbehaviour.
 */
export function assertHostileReported(r: HostileRun, expected: ExpectedReport | undefined, exitStatus: 0 | 1 = 1): HostileResult | undefined {
  const why = describeHostile(r);
  assert.equal(r.run.killed, false, `the CLI had to be killed: ${why}`);
  assert.equal(r.run.signal, null, why);
  assert.ok(r.results, `ctrf.json is missing or broken: ${why}`);
  assert.ok(r.run.peakRssMb > 0, `peak RSS was not measured: ${why}`);
  assert.ok(r.run.peakRssMb < PEAK_RSS_LIMIT_MB, `peak RSS ${r.run.peakRssMb.toFixed(0)} MB >= ${PEAK_RSS_LIMIT_MB} MB: ${why}`);
  const faults = r.results.filter((x) => x.extra['harnessFault'] === true);
  assert.deepEqual(faults.map((f) => f.message), [], `a hostile target is not a harness fault: ${why}`);
  assert.doesNotMatch(r.run.stderr, /internal error|\n\s+at /, why);
  assert.equal(r.run.status, exitStatus, why);
  if (!expected) return undefined;
  const found = r.results.find((x) => x.checkId === expected.checkId && x.outcome === expected.outcome && expected.message.test(x.message));
  const same = r.results.filter((x) => x.checkId === expected.checkId).slice(0, 3).map((x) => `${x.outcome}: ${x.message.slice(0, 200)}`);
  assert.ok(found, `expected ${expected.checkId} ${expected.outcome} matching ${String(expected.message)}; that check reported: ${same.join(' | ')}; ${why}`);
  assert.ok(found.extra['evidence'] !== undefined, `the ${expected.checkId} result carries no evidence`);
  assert.equal(typeof found.extra['mismatch'], 'string', `the ${expected.checkId} result names no mismatch`);
  return found;
}

/** One line per hostile case for the run log: what was reported, how long it took, how much memory. */
export function summaryLine(name: string, r: HostileRun, reported: HostileResult | undefined): string {
  const what = reported ? `${reported.checkId} ${reported.outcome} (${String(reported.extra['mismatch'])}): ${reported.message.slice(0, 160)}` : 'no misbehaviour result';
  return `${name.padEnd(24)} exit ${String(r.run.status)}  ${String(r.run.durationMs).padStart(6)} ms  ${r.run.peakRssMb.toFixed(0).padStart(4)} MB  ${what}`;
}
