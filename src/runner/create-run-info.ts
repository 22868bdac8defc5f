import { computeSuiteDigests, suiteVersionOf } from '../certify/suite-digests.js';
import { packageVersion } from '../meta/package-info.js';
import type { RunInfo } from '../results/run-info.js';

let suiteVersion: string | undefined;

/**
 * The run info every command that runs checks starts from: this harness's version and the digest of
 * the schemas, contracts and corpus its checks came from (so `report merge` never mixes suite versions).
 */
export function createRunInfo(command: string, extra: Partial<RunInfo> = {}): RunInfo {
  suiteVersion ??= suiteVersionOf(computeSuiteDigests());
  return {
    tool: { name: 'dps-conformance', version: packageVersion },
    command,
    suiteVersion,
    startedAt: new Date().toISOString(),
    ...extra,
  };
}
