import { randomBytes } from 'node:crypto';
import Mocha from 'mocha';
import type { CommandHandler } from '../../command-context.js';
import { packageVersion } from '../../../meta/package-info.js';
import { executeCheckRun } from '../../check-run/execute-check-run.js';
import { startEmulator, webhookAllocator, type RunningEmulator } from '../../../emulator/index.js';
import { withFunctionKey } from '../../../http/function-key-url.js';
import { loadCorpus } from '../../../../suites/corpus/load-corpus.js';
import { parseShard } from '../../../../suites/corpus/shard-cases.js';
import { planWebhookRun } from '../../../../suites/webhook/plan-webhook-run.js';
import { buildWebhookSuite } from '../../../../suites/webhook/build-webhook-suite.js';
import { WebhookCaller } from '../../../../suites/webhook/webhook-caller.js';
import { prepareDeviceTarget, type PreparedDeviceTarget } from '../../../../suites/device/prepare-device-target.js';
import { startReferenceWebhook, type RunningWebhook } from '../../../../implementations/reference-webhook/start-reference-webhook.js';
import { addUnavailableRows, readyBundledTargets, selectImplementations } from './bundled-targets.js';
import { startStandardPortsEmulator } from './standard-ports-emulator.js';
import type { RunCommandOptions } from './define.js';

/** Webhook answer time limit in `run` (the webhook suite's default). */
const WEBHOOK_TIMEOUT_MS = 10_000;
/** Per-register limit for the bundled devices; generous, since a shared CI machine can be slow. */
const DEVICE_TIMEOUT_MS = 20_000;

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

  try {
    webhook = await startReferenceWebhook({ functionKey });
    const plan = planWebhookRun({
      url: webhook.url,
      functionKey,
      dialect,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      signal: context.signal,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
    });
    // a stable name, so runs on different ports merge and diff as one implementation
    plan.target.implementation = { name: 'dps-conformance-reference-webhook', version: packageVersion };
    const { redactor } = plan.target;

    return await executeCheckRun({
      command: 'run',
      options,
      context,
      redactor,
      build: async (root, session) => {
        const caller = new WebhookCaller(plan.target, (reason) => session.markIncomplete(reason));
        if (selection.webhook) buildWebhookSuite(Mocha.Suite.create(root, 'webhook suite: reference webhook'), plan, caller);

        const url = withFunctionKey(plan.target.url, functionKey).toString();
        const emulatorOptions = { redactor, retryAfterSeconds: 0, allocator: webhookAllocator({ url, timeoutMs: WEBHOOK_TIMEOUT_MS }) };
        emulator = await startEmulator(emulatorOptions);
        if (emulator.groupKey) redactor.add(emulator.groupKey);
        const progress = (line: string): void => void context.stderr.write(`${line}\n`);
        const { ready, unavailable } = await readyBundledTargets(selection.devices, progress, context.signal);
        // the SDKs that dial fixed ports get an emulator of their own at 443/8883 on its own loopback address
        const standard = await startStandardPortsEmulator(ready, unavailable, emulatorOptions);
        standardEmulator = standard.emulator;
        if (standardEmulator?.groupKey) redactor.add(standardEmulator.groupKey);
        for (const bundled of standard.ready) {
          const target = await prepareDeviceTarget({
            adapter: bundled.adapter,
            cwd: process.cwd(),
            emulator: bundled.implementation.standardPorts && standardEmulator ? standardEmulator : emulator,
            redactor,
            corpus,
            timeoutMs: DEVICE_TIMEOUT_MS,
            endToEnd: true,
            narrowing: { dialect },
            shard,
            onGaveUp: (reason) => session.markIncomplete(reason),
          });
          targets.push(target);
          target.addTo(Mocha.Suite.create(root, `device suite: ${bundled.implementation.label}`));
        }
        if (unavailable.length > 0) addUnavailableRows(Mocha.Suite.create(root, 'implementations not run'), unavailable, dialect);
        // the implementations register side by side (each adapter one request at a time) while
        // mocha judges in order; the results are the same, the run is shorter
        root.beforeAll(() => {
          for (const target of targets) target.startRegistrations(context.signal);
        });
      },
      cleanup,
    });
  } finally {
    await cleanup();
  }
};
