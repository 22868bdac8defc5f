import Mocha from 'mocha';
import { resolve } from 'node:path';
import { AdapterClient } from '../../src/adapters/adapter-client.js';
import { InProcessDriver } from '../../src/adapters/in-process-driver.js';
import { isAdapterFault } from '../../src/adapters/adapter-fault.js';
import type { DeviceDriver, DeviceTransport, StartReply } from '../../src/adapters/protocol-types.js';
import type { Dialect, Transport } from '../../src/results/check-result.js';
import { declarationMismatchResults, narrowToDeclaration, type ImplementationDeclaration } from '../../src/certify/index.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import type { SecretRedactor } from '../../src/results/secret-redactor.js';
import type { WebhookProfile } from '../../src/webhook-profile/webhook-profile.js';
import { addCheck } from '../../src/runner/add-check.js';
import { addKnownResult } from '../../src/runner/result-as-check.js';
import type { CorpusCase } from '../corpus/corpus-case.js';
import type { Shard } from '../corpus/shard-cases.js';
import { buildDeviceSuite, type DeviceSuiteHandle, type Lane } from './build-device-suite.js';
import { caseShardFilter } from './case-shard-filter.js';
import { DEVICE_CHECKS } from './device-checks.js';
import { planDeviceCoverage, type DeviceNarrowing } from './plan-device-run.js';
import { checkCaseIdsRun } from './device-case-ids.js';
import { startOnceMore } from './start-once-more.js';

export interface DeviceTargetOptions {
  /** the adapter command, run through the shell (or `module`) */
  adapter?: string | undefined;
  /** a Node implementation loaded in-process, its HTTPS routed to the emulator by msw (or `adapter`) */
  module?: string | undefined;
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
  /** told when the run gave up on the adapter (3 timeouts in a row): the run is then incomplete */
  onGaveUp?: (reason: string) => void;
  /** a user's webhook allocates: judge its refusals (see DeviceSuiteOptions) */
  judgeWebhookAcceptance?: boolean;
  /** `--profile` of a policy webhook */
  profile?: WebhookProfile | undefined;
}

/** How `addTo` places a target that is one of several adapters of one implementation. */
export interface AddToOptions {
  /** add the adapter.stop check now (default) or leave it for `addStopTo` */
  stop: boolean;
  /** only this one of the covered transports (the others are served by other adapters) */
  transport?: DeviceTransport | undefined;
  /** only this share of the cases (the other lanes are other adapters of the same implementation and transport) */
  lane?: Lane | undefined;
}

export interface PreparedDeviceTarget {
  driver: DeviceDriver;
  claims: StartReply | undefined;
  /**
   * Adds this target's checks (or the one errored start result) to a mocha suite; with `stop: false`
   * the adapter.stop check is left for `addStopTo` (a runner splitting one implementation over
   * several adapters puts the one stop row last).
   */
  addTo(root: Mocha.Suite, options?: AddToOptions): void;
  /** adds the adapter.stop check held back by `addTo(root, { stop: false })` (nothing for a module) */
  addStopTo(root: Mocha.Suite): void;
  /** starts the registrations of the added checks ahead of mocha (see DeviceSuiteHandle); resolves when they end */
  startRegistrations(signal?: AbortSignal): Promise<void>;
}

/**
 * Starts one implementation's adapter and works out what to test: the claims of its start reply,
 * narrowed by `--transport`/`--dialect` and by the vendor's declaration (a declared but unclaimed item
 * becomes an errored result), then sharded. Shared by `device` and `run`.
 */
export async function prepareDeviceTarget(options: DeviceTargetOptions): Promise<PreparedDeviceTarget> {
  const driver: DeviceDriver =
    options.module !== undefined
      ? new InProcessDriver({ module: resolve(options.cwd, options.module) })
      : new AdapterClient({ command: options.adapter ?? '', cwd: options.cwd });
  let claims: StartReply | undefined;
  let startFailure: TargetMisbehaviour | undefined;
  try {
    claims = await startOnceMore(driver);
  } catch (error) {
    if (!isAdapterFault(error)) throw error;
    startFailure = new TargetMisbehaviour(`expected a valid start reply, got ${error.kind}: ${error.message}`, {
      mismatch: error.kind,
      evidence: options.redactor.redactDeep({ adapter: targetName(options), ...error.evidence }),
    });
  }
  // planned now, so a usage mistake (--transport the implementation does not claim, --case-ids that run nowhere) is exit 2 before any check runs
  let coverage: ReturnType<typeof planDeviceCoverage> | undefined;
  try {
    coverage = claims ? planDeviceCoverage(claims, options.narrowing) : undefined;
    if (claims && coverage) {
      const x509 = claims.attestations.includes('x509') && options.emulator.deviceCaPem !== undefined;
      checkCaseIdsRun(options.caseIds, options.corpus, { ...coverage, x509, implementationName: claims.implementation.name });
    }
  } catch (error) {
    // nobody else holds the adapter yet: stop it, or the command waits on its process forever
    await driver.stop().catch(() => undefined);
    throw error;
  }

  let handle: DeviceSuiteHandle | undefined;
  let addStopTo = (_root: Mocha.Suite): void => undefined;
  const addTo = (root: Mocha.Suite, addOptions: AddToOptions = { stop: true }): void => {
    if (!claims || !coverage) {
      addStartFailure(root, options, startFailure ?? new TargetMisbehaviour('the adapter did not start'));
      return;
    }
    let { transports, dialects } = coverage;
    const only = addOptions.transport;
    if (only !== undefined) transports = transports.filter((t) => t === only);
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
      lane: addOptions.lane,
      judgeWebhookAcceptance: options.judgeWebhookAcceptance === true,
      profile: options.profile,
      ...(filters.length === 0 ? {} : { caseFilter: (id: string) => filters.every((f) => f(id)) }),
    });
    // an in-process module has no process to exit: only an adapter's stop is a check (the module is stopped on cleanup)
    if (driver instanceof AdapterClient) {
      const [transport = 'https'] = transports;
      const [dialect = 'ga'] = dialects;
      let stopAdded = false;
      addStopTo = (stopRoot) => {
        stopAdded = true;
        addStopCheck(Mocha.Suite.create(stopRoot, `${claims.implementation.name} stop`), driver, claims, transport, dialect, options);
      };
      if (addOptions.stop) addStopTo(root);
      // a target whose stop is left to the runner's cleanup still says when it gave up (the stop check would)
      else {
        root.afterAll(() => {
          if (!stopAdded) reportGaveUp(driver, claims, options);
        });
      }
    }
  };
  return {
    driver,
    claims,
    addTo,
    addStopTo: (root) => addStopTo(root),
    startRegistrations: (signal) => handle?.startRegistrations(signal) ?? Promise.resolve(),
  };
}

/** Tells `onGaveUp` when the run gave up on the adapter (3 timeouts in a row). */
function reportGaveUp(driver: AdapterClient, claims: StartReply, options: DeviceTargetOptions): void {
  if (!driver.exhausted) return;
  const transport = options.narrowing.transport === undefined ? '' : ` (${options.narrowing.transport})`;
  options.onGaveUp?.(`${claims.implementation.name}${transport}: the adapter timed out 3 times in a row; the cases after that were not run`);
}

/** How the target is named before it has said who it is: the adapter command or the module path. */
function targetName(options: DeviceTargetOptions): string {
  return options.adapter ?? options.module ?? 'the implementation';
}

function addStartFailure(root: Mocha.Suite, options: DeviceTargetOptions, failure: Error): void {
  const dialect = options.narrowing.dialect === undefined || options.narrowing.dialect === 'all' ? 'ga' : options.narrowing.dialect;
  const meta = {
    checkId: DEVICE_CHECKS.adapterStart.id,
    level: DEVICE_CHECKS.adapterStart.level,
    dialect,
    transport: options.narrowing.transport ?? 'https',
    caseId: 'adapter-start',
    implementation: { name: options.redactor.redact(targetName(options)) },
  };
  addCheck(root, meta, () => {
    throw failure;
  });
}

/**
 * The last check of an implementation: `stop` must be answered and the adapter must then exit by
 * itself (docs/contract/adapter-protocol.md). One result, on the first row the implementation was tested on.
 */
function addStopCheck(
  suite: Mocha.Suite,
  driver: AdapterClient,
  claims: StartReply,
  transport: Transport,
  dialect: Dialect,
  options: DeviceTargetOptions,
): void {
  const { redactor } = options;
  const meta = {
    checkId: DEVICE_CHECKS.adapterStop.id,
    level: DEVICE_CHECKS.adapterStop.level,
    dialect,
    transport,
    caseId: 'adapter-stop',
    implementation: { name: claims.implementation.name, version: claims.implementation.version },
  };
  addCheck(suite, meta, async () => {
    reportGaveUp(driver, claims, options);
    // the last case may have ended the process (a timeout restarts it): stop is judged on a fresh one
    if (!driver.running && !driver.exhausted) {
      try {
        await driver.start();
      } catch (error) {
        throw new TargetMisbehaviour(`expected the adapter to start again for stop, got ${error instanceof Error ? error.message : String(error)}`, { mismatch: 'no-start' });
      }
    }
    const stderrTail = driver.stderrTail().slice(-4096);
    const outcome = await driver.stop();
    if (!outcome) return 'the adapter had already ended';
    const evidence = redactor.redactDeep({ ...outcome, stderrTail });
    const left = outcome.leftBehind ?? [];
    if (left.length > 0) {
      // a process that left the adapter's group would outlive the run (a setsid grandchild, a daemon)
      const named = redactor.redact(left.slice(0, 5).map((p) => `pid ${p.pid}: ${p.command}`).join('; '));
      throw new TargetMisbehaviour(`expected nothing the adapter started to outlive it, got ${left.length} process(es) still running outside its process group (${named}); the harness killed them`, {
        mismatch: 'left-processes',
        evidence,
      });
    }
    if (outcome.ended === 'not-running') return 'the adapter had already ended';
    if (!outcome.replied) {
      throw new TargetMisbehaviour(`expected a reply to stop, got ${outcome.problem ?? 'none'}; the adapter ${outcome.ended === 'exited' ? 'then exited' : `had to be ended (${outcome.ended})`}`, {
        mismatch: 'no-stop-reply',
        evidence,
      });
    }
    if (outcome.ended !== 'exited') {
      throw new TargetMisbehaviour(`expected the adapter to exit after replying to stop, it had to be ended (${outcome.ended})`, { mismatch: 'did-not-exit', evidence });
    }
    return 'the adapter replied to stop and exited';
  });
}
