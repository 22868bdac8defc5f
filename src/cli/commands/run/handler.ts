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
import { adapterCommand, BUNDLED_DEVICE_TARGETS } from './bundled-targets.js';
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
  const corpus = loadCorpus();
  const functionKey = randomBytes(24).toString('base64url');
  let webhook: RunningWebhook | undefined;
  let emulator: RunningEmulator | undefined;
  const targets: PreparedDeviceTarget[] = [];
  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all(targets.map((t) => t.driver.stop()));
    await emulator?.close();
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
        buildWebhookSuite(Mocha.Suite.create(root, 'webhook suite: reference webhook'), plan, caller);

        const url = withFunctionKey(plan.target.url, functionKey).toString();
        emulator = await startEmulator({ redactor, retryAfterSeconds: 0, x509: true, allocator: webhookAllocator({ url, timeoutMs: WEBHOOK_TIMEOUT_MS }) });
        if (emulator.groupKey) redactor.add(emulator.groupKey);
        for (const bundled of BUNDLED_DEVICE_TARGETS) {
          const target = await prepareDeviceTarget({
            adapter: adapterCommand(bundled),
            cwd: process.cwd(),
            emulator,
            redactor,
            corpus,
            timeoutMs: DEVICE_TIMEOUT_MS,
            endToEnd: true,
            narrowing: { dialect },
            shard,
            onGaveUp: (reason) => session.markIncomplete(reason),
          });
          targets.push(target);
          target.addTo(Mocha.Suite.create(root, `device suite: ${bundled.label}`));
        }
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
