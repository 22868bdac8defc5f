import { randomBytes } from 'node:crypto';
import Mocha from 'mocha';
import type { CommandHandler } from '../../command-context.js';
import { existsSync } from 'node:fs';
import { packagePath, packageVersion } from '../../../meta/package-info.js';
import type { BundledImplementation } from '../../../targets/index.js';
import { executeCheckRun, type CheckRunSession } from '../../check-run/execute-check-run.js';
import { preflightRun } from '../../preflight-paths.js';
import { startEmulator, webhookAllocator, type RunningEmulator } from '../../../emulator/index.js';
import { withFunctionKey } from '../../../http/function-key-url.js';
import { emulatorChoices } from '../../common-options.js';
import { loadCorpus } from '../../../../suites/corpus/load-corpus.js';
import { parseShard } from '../../../../suites/corpus/shard-cases.js';
import { planWebhookRun } from '../../../../suites/webhook/plan-webhook-run.js';
import { buildWebhookSuite } from '../../../../suites/webhook/build-webhook-suite.js';
import { WebhookCaller } from '../../../../suites/webhook/webhook-caller.js';
import { prepareDeviceTarget, type PreparedDeviceTarget } from '../../../../suites/device/prepare-device-target.js';
import { startReferenceWebhook, type RunningWebhook } from '../../../../implementations/reference-webhook/start-reference-webhook.js';
import { addUnavailableRows, readyBundledTargets, selectImplementations, type ReadyTarget } from './bundled-targets.js';
import { prepareSplit } from './prepare-split.js';
import { DEFAULT_RUN_CONCURRENCY, runBounded } from './run-bounded.js';
import type { DeviceTransport } from '../../../adapters/protocol-types.js';
import { startStandardPortsEmulator } from './standard-ports-emulator.js';
import type { RunCommandOptions } from './options.js';
import { PhaseClock } from '../../../results/run-phase.js';

/** The reference webhook's implementation name in reports: stable, so runs on different ports merge and diff as one. */
const REFERENCE_WEBHOOK_REPORTS_AS = 'dps-conformance-reference-webhook';

/** Webhook answer time limit in `run` (the webhook suite's default). */
const WEBHOOK_TIMEOUT_MS = 10_000;
/** Per-register limit for the bundled devices; generous, since a shared CI machine can be slow. */
const DEVICE_TIMEOUT_MS = 20_000;

/** The reference webhook as reports name it, beside the bundled devices. */
const REFERENCE_WEBHOOK_NAMING = { name: 'reference-webhook', label: 'reference webhook', reportsAs: REFERENCE_WEBHOOK_REPORTS_AS };

/**
 * Every bundled implementation gets one display name in every report (its label, e.g. `Azure IoT Java
 * SDK`) and a link to its README, which explains each of its failures with the SDK's own source line:
 * the README is copied beside the reports (`implementations/<name>/README.md`), so the link works
 * wherever the report directory is opened or published.
 */
function nameBundledImplementations(session: CheckRunSession, implementations: ReadonlyArray<Pick<BundledImplementation, 'name' | 'label' | 'reportsAs'>>): void {
  for (const implementation of implementations) {
    const readme = packagePath('implementations', implementation.name, 'README.md');
    const relative = `implementations/${implementation.name}/README.md`;
    const hasReadme = existsSync(readme);
    if (hasReadme) session.attach(relative, readme);
    session.nameImplementation(implementation.reportsAs, { displayName: implementation.label, ...(hasReadme ? { docsUrl: relative } : {}) });
  }
}

/** Adds a suite's checks between a first and a last hook that time it as one phase. */
function timeSuite(suite: Mocha.Suite, begin: () => () => void, build: () => void): void {
  let end = (): void => undefined;
  suite.beforeAll(() => {
    end = begin();
  });
  build();
  suite.afterAll(() => end());
}

/**
 * `dps-conformance run`, the main job with no set-up: starts the reference webhook (behind a
 * function key, as in Azure) and the emulator calling it, runs the webhook suite against the
 * reference webhook, and the device suite end to end against the reference device and the real Azure
 * IoT Node SDK over every transport and dialect each claims. One report set, one summary table.
 */
export const handle: CommandHandler<RunCommandOptions> = async (options, context) => {
  const dialect = options.dialect ?? 'all';
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const selection = selectImplementations(options.implementations);
  await preflightRun(options);
  const corpus = loadCorpus();
  const functionKey = randomBytes(24).toString('base64url');
  let webhook: RunningWebhook | undefined;
  let emulator: RunningEmulator | undefined;
  let standardEmulator: RunningEmulator | undefined;
  const targets: PreparedDeviceTarget[] = [];
  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all(targets.map((t) => t.driver.stop()));
    await emulator?.close();
    await standardEmulator?.close();
    await webhook?.close();
  };

  const clock = new PhaseClock();
  try {
    webhook = await clock.time('reference webhook start-up', () => startReferenceWebhook({ functionKey }));
    const plan = planWebhookRun({
      url: webhook.url,
      functionKey,
      dialect,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      signal: context.signal,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
    });
    // a stable name, so runs on different ports merge and diff as one implementation
    plan.target.implementation = { name: REFERENCE_WEBHOOK_REPORTS_AS, version: packageVersion };
    const { redactor } = plan.target;

    return await executeCheckRun({
      command: 'run',
      options,
      context,
      redactor,
      build: async (root, session) => {
        nameBundledImplementations(session, selection.webhook ? [REFERENCE_WEBHOOK_NAMING, ...selection.devices] : selection.devices);
        const caller = new WebhookCaller(plan.target, (reason) => session.markIncomplete(reason));
        if (selection.webhook) {
          const webhookSuite = Mocha.Suite.create(root, 'webhook suite: reference webhook');
          timeSuite(webhookSuite, () => clock.begin('webhook suite'), () => buildWebhookSuite(webhookSuite, plan, caller));
        }

        const url = withFunctionKey(plan.target.url, functionKey).toString();
        const allocator = webhookAllocator({ url, timeoutMs: WEBHOOK_TIMEOUT_MS });
        const emulatorOptions = { redactor, retryAfterSeconds: 0, x509: true, allocator, ...emulatorChoices(options) };
        const main = await clock.time('emulator start-up', () => startEmulator(emulatorOptions));
        emulator = main;
        if (main.groupKey) redactor.add(main.groupKey);
        const progress = (line: string): void => void context.stderr.write(`${line}\n`);
        const { ready, unavailable } = await clock.time('SDK installs and checks', () => readyBundledTargets(selection.devices, progress, context.signal));
        // the SDKs that dial fixed ports get an emulator of their own at 443/8883/5671 on its own loopback address
        const standard = await startStandardPortsEmulator(ready, unavailable, emulatorOptions);
        const standardOne = standard.emulator;
        standardEmulator = standardOne;
        if (standardOne?.groupKey) redactor.add(standardOne.groupKey);
        // the implementations start side by side: an SDK's start-up (a runtime, its modules) is mostly waiting
        const prepareOne = (bundled: ReadyTarget, transport?: DeviceTransport): Promise<PreparedDeviceTarget> =>
          prepareDeviceTarget({
            adapter: bundled.adapter,
            cwd: process.cwd(),
            emulator: bundled.implementation.standardPorts && standardOne ? standardOne : main,
            redactor,
            corpus,
            timeoutMs: DEVICE_TIMEOUT_MS,
            endToEnd: true,
            narrowing: transport === undefined ? { dialect } : { dialect, transport },
            shard,
            onGaveUp: (reason) => session.markIncomplete(reason),
          });
        const prepared = await Promise.allSettled(
          standard.ready.map((bundled) =>
            clock.time(`SDK start-up: ${bundled.implementation.label}`, () => prepareSplit(bundled, prepareOne, dialect, targets)),
          ),
        );
        const refused = prepared.find((p): p is PromiseRejectedResult => p.status === 'rejected');
        if (refused) throw refused.reason;
        // the first implementation's units first (mocha judges its suites first, in order), then the
        // others last to first (Java, Python): they wait longest on their own SDKs' intervals
        const firstUnits: (() => Promise<void>)[] = [];
        const laterUnits: (() => Promise<void>)[][] = [];
        standard.ready.forEach((bundled, i) => {
          const label = bundled.implementation.label;
          const split = prepared[i]?.status === 'fulfilled' ? prepared[i].value : [];
          const suite = Mocha.Suite.create(root, `device suite: ${label}`);
          const phases = new Map<string, ReturnType<PhaseClock['shared']>>();
          const units = i === 0 ? firstUnits : [];
          for (const { target, transport, lane } of split) {
            target.addTo(suite, { stop: false, transport, lane });
            // from the start of the first lane's registrations to the end of the last lane's
            const name = `device suite: ${label}${transport === undefined ? '' : ` ${transport}`}${lane === undefined ? '' : ` (${lane.count} adapters)`}`;
            const phase = phases.get(name) ?? clock.shared(name);
            phases.set(name, phase);
            units.push(async () => {
              phase.enter();
              try {
                await target.startRegistrations(context.signal);
              } finally {
                phase.leave();
              }
            });
          }
          if (i > 0) laterUnits.unshift(units);
          split[0]?.target.addStopTo(suite);
        });
        if (unavailable.length > 0) addUnavailableRows(Mocha.Suite.create(root, 'implementations not run'), unavailable, dialect);
        root.beforeAll(() => {
          // one adapter per (implementation, transport, lane), registering side by side (each adapter one
          // request at a time, at most --concurrency at once) while mocha judges in order: same results, shorter run
          void runBounded([...firstUnits, ...laterUnits.flat()], options.concurrency ?? DEFAULT_RUN_CONCURRENCY);
        });
        root.afterAll(() => {
          session.runInfo.phases = clock.phases;
        });
      },
      cleanup,
    });
  } finally {
    await cleanup();
  }
};
