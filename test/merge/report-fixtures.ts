import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVersion } from '../../src/meta/package-info.js';
import { writeReportSet } from '../../src/report/write-report-set.js';
import type { CheckResult } from '../../src/results/check-result.js';
import type { RunInfo } from '../../src/results/run-info.js';

/** A result with every required field; override what the test is about. */
export function makeResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: 'device.returnData.fidelity',
    level: 'MUST',
    outcome: 'passed',
    dialect: 'ga',
    transport: 'https',
    caseId: 'nested-object',
    implementation: { name: 'azure-iot-provisioning-device', version: '1.9.1' },
    message: 'returnData arrived unchanged',
    ...overrides,
  };
}

export function makeRunInfo(overrides: Partial<RunInfo> = {}): RunInfo {
  return {
    tool: { name: 'dps-conformance', version: packageVersion },
    command: 'device',
    suiteVersion: 'sha256:suite-a',
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:05:05.000Z',
    ...overrides,
  };
}

/** A temporary directory removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dpsc-merge-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a report set (as a run would) into `dir/name` and resolves with that directory. */
export async function writeRun(dir: string, name: string, results: CheckResult[], runInfo: RunInfo = makeRunInfo()): Promise<string> {
  const out = join(dir, name);
  await writeReportSet(out, results, runInfo, { stepSummary: false });
  return out;
}
