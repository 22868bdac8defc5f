import type Mocha from 'mocha';
import { AdapterClient } from '../../src/adapters/adapter-client.js';
import { isAdapterFault } from '../../src/adapters/adapter-fault.js';
import type { StartReply } from '../../src/adapters/protocol-types.js';
import { declarationMismatchResults, narrowToDeclaration, type ImplementationDeclaration } from '../../src/certify/index.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import type { SecretRedactor } from '../../src/results/secret-redactor.js';
import { addCheck } from '../../src/runner/add-check.js';
import { addKnownResult } from '../../src/runner/result-as-check.js';
import type { CorpusCase } from '../corpus/corpus-case.js';
import type { Shard } from '../corpus/shard-cases.js';
import { buildDeviceSuite, type DeviceSuiteHandle } from './build-device-suite.js';
import { caseShardFilter } from './case-shard-filter.js';
import { DEVICE_CHECKS } from './device-checks.js';
import { planDeviceCoverage, type DeviceNarrowing } from './plan-device-run.js';

export interface DeviceTargetOptions {
  /** the adapter command, run through the shell */
  adapter: string;
  cwd: string;
  emulator: RunningEmulator;
  redactor: SecretRedactor;
  corpus: readonly CorpusCase[];
  timeoutMs: number;
  endToEnd: boolean;
  narrowing: DeviceNarrowing;
  declaration?: ImplementationDeclaration | undefined;
  shard?: Shard | undefined;
  /** only these corpus or device case ids (all when absent) */
  caseIds?: readonly string[] | undefined;
}

export interface PreparedDeviceTarget {
  driver: AdapterClient;
  claims: StartReply | undefined;
  /** adds this target's checks (or the one errored start result) to a mocha suite */
  addTo(root: Mocha.Suite): void;
  /** starts the registrations of the added checks ahead of mocha (see DeviceSuiteHandle) */
  startRegistrations(signal?: AbortSignal): void;
}

/**
 * Starts one implementation's adapter and works out what to test: the claims of its start reply,
 * narrowed by `--transport`/`--dialect` and by the vendor's declaration (a declared but unclaimed item
 * becomes an errored result), then sharded. Shared by `device` and `run`.
 */
export async function prepareDeviceTarget(options: DeviceTargetOptions): Promise<PreparedDeviceTarget> {
  const driver = new AdapterClient({ command: options.adapter, cwd: options.cwd });
  let claims: StartReply | undefined;
  let startFailure: TargetMisbehaviour | undefined;
  try {
    claims = await driver.start();
  } catch (error) {
    if (!isAdapterFault(error)) throw error;
    startFailure = new TargetMisbehaviour(`expected a valid start reply, got ${error.kind}: ${error.message}`, {
      mismatch: error.kind,
      evidence: options.redactor.redactDeep({ adapter: options.adapter, ...error.evidence }),
    });
  }
  // planned now, so a usage mistake (--transport the implementation does not claim) is exit 2 before any check runs
  const coverage = claims ? planDeviceCoverage(claims, options.narrowing) : undefined;

  let handle: DeviceSuiteHandle | undefined;
  const addTo = (root: Mocha.Suite): void => {
    if (!claims || !coverage) {
      addStartFailure(root, options, startFailure ?? new TargetMisbehaviour('the adapter did not start'));
      return;
    }
    let { transports, dialects } = coverage;
    if (options.declaration) {
      const narrowed = narrowToDeclaration(claims, options.declaration);
      transports = transports.filter((t) => narrowed.transports.includes(t));
      dialects = dialects.filter((d) => narrowed.dialects.includes(d));
      const implementation = { name: claims.implementation.name, version: claims.implementation.version };
      for (const result of declarationMismatchResults(narrowed, options.declaration, implementation)) addKnownResult(root, result);
    }
    const filters: ((caseId: string) => boolean)[] = [];
    if (options.shard) filters.push(caseShardFilter(options.shard));
    if (options.caseIds) {
      const wanted = new Set(options.caseIds);
      filters.push((id) => wanted.has(id));
    }
    handle = buildDeviceSuite(root, {
      emulator: options.emulator,
      driver,
      claims,
      transports,
      dialects,
      corpus: options.corpus,
      timeoutMs: options.timeoutMs,
      endToEnd: options.endToEnd,
      redactor: options.redactor,
      ...(filters.length === 0 ? {} : { caseFilter: (id: string) => filters.every((f) => f(id)) }),
    });
  };
  return { driver, claims, addTo, startRegistrations: (signal) => handle?.startRegistrations(signal) };
}

function addStartFailure(root: Mocha.Suite, options: DeviceTargetOptions, failure: Error): void {
  const dialect = options.narrowing.dialect === undefined || options.narrowing.dialect === 'all' ? 'ga' : options.narrowing.dialect;
  const meta = {
    checkId: DEVICE_CHECKS.adapterStart.id,
    level: DEVICE_CHECKS.adapterStart.level,
    dialect,
    transport: options.narrowing.transport ?? 'https',
    caseId: 'adapter-start',
    implementation: { name: options.redactor.redact(options.adapter) },
  };
  addCheck(root, meta, () => {
    throw failure;
  });
}
