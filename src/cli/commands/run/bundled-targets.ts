import type Mocha from 'mocha';
import { unknownValuesError, usageError } from '../../../errors/harness-error.js';
import type { Dialect } from '../../../results/check-result.js';
import { addKnownResult } from '../../../runner/result-as-check.js';
import { BUNDLED_IMPLEMENTATIONS, bundledNames, ensureInstalled, REFERENCE_WEBHOOK, type BundledImplementation } from '../../../targets/index.js';
import { DEVICE_CHECKS } from '../../../../suites/device/device-checks.js';

/** What `run` tests: the reference webhook or not, and the device implementations (docs/contract/bundled-implementations.md). */
export interface Selection {
  webhook: boolean;
  devices: readonly BundledImplementation[];
}

/** Parses `--implementations a,b` (absent: every bundled implementation); an unknown name is a usage error. */
export function selectImplementations(list: string | undefined): Selection {
  if (list === undefined) return { webhook: true, devices: BUNDLED_IMPLEMENTATIONS };
  const names = list.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const known = bundledNames();
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0) throw usageError(`--implementations takes a comma-separated list of ${known.join(', ')}; got "${list}"`);
  if (unknown.length > 0) throw unknownValuesError('--implementations', unknown, known, 'bundled implementation');
  return { webhook: names.includes(REFERENCE_WEBHOOK), devices: BUNDLED_IMPLEMENTATIONS.filter((i) => names.includes(i.name)) };
}

export interface ReadyTarget {
  implementation: BundledImplementation;
  adapter: string;
}

/** An implementation that will not run, and the row that says why. */
export interface UnavailableTarget {
  implementation: BundledImplementation;
  outcome: 'skipped' | 'errored';
  reason: string;
}

/**
 * Installs what is missing (with progress) and sorts the implementations into those that run and
 * those that cannot: a missing runtime is `skipped`, a failed install `errored`; neither stops the run.
 */
export async function readyBundledTargets(
  devices: readonly BundledImplementation[],
  progress: (line: string) => void,
  signal: AbortSignal,
): Promise<{ ready: ReadyTarget[]; unavailable: UnavailableTarget[] }> {
  const ready: ReadyTarget[] = [];
  const unavailable: UnavailableTarget[] = [];
  for (const implementation of devices) {
    const readiness = await ensureInstalled(implementation, { progress, signal });
    if (readiness.state === 'ready') ready.push({ implementation, adapter: readiness.command });
    else if (readiness.state === 'missing-runtime') unavailable.push({ implementation, outcome: 'skipped', reason: `not run: ${readiness.reason}` });
    else unavailable.push({ implementation, outcome: 'errored', reason: `not run: ${readiness.reason}` });
  }
  return { ready, unavailable };
}

/** One `adapter.start` result per transport of each implementation that cannot run, saying why. */
export function addUnavailableRows(suite: Mocha.Suite, unavailable: readonly UnavailableTarget[], dialect: Dialect | 'all'): void {
  for (const { implementation, outcome, reason } of unavailable) {
    for (const transport of implementation.transports) {
      addKnownResult(suite, {
        checkId: DEVICE_CHECKS.adapterStart.id,
        level: DEVICE_CHECKS.adapterStart.level,
        outcome,
        dialect: dialect === 'all' ? 'ga' : dialect,
        transport,
        caseId: 'adapter-start',
        implementation: { name: implementation.reportsAs },
        message: reason,
      });
    }
  }
}
