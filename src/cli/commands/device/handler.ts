import type { CommandHandler } from '../../command-context.js';
import { usageError } from '../../../errors/harness-error.js';
import { parseHttpUrl } from '../../../http/parse-http-url.js';
import { withFunctionKey } from '../../../http/function-key-url.js';
import { loadDeviceProfile, profileEmulatorOptions } from './device-profile.js';
import { SecretRedactor } from '../../../results/secret-redactor.js';
import { executeCheckRun } from '../../check-run/execute-check-run.js';
import { emulatorChoices } from '../../common-options.js';
import { preflightRun } from '../../preflight-paths.js';
import { startEmulator, webhookAllocator, type RunningEmulator } from '../../../emulator/index.js';
import { loadCorpus } from '../../../../suites/corpus/load-corpus.js';
import { parseShard } from '../../../../suites/corpus/shard-cases.js';
import { checkTransportServed } from '../../../../suites/device/plan-device-run.js';
import { checkDeviceCaseIds } from '../../../../suites/device/device-case-ids.js';
import { prepareDeviceTarget, type PreparedDeviceTarget } from '../../../../suites/device/prepare-device-target.js';
import { startReferenceWebhook, type RunningWebhook } from '../../../../implementations/reference-webhook/start-reference-webhook.js';
import type { DeviceCommandOptions } from './options.js';

/**
 * `dps-conformance device`: starts the emulator (calling the bundled reference webhook, or `--webhook`
 * for an end-to-end run), drives the implementation through its adapter (docs/contract/adapter-protocol.md), judges
 * every registration and writes the report set. Exit 0 when every MUST passed, 1 when one failed or
 * errored, 2 for a usage mistake or a harness fault.
 */
export const handle: CommandHandler<DeviceCommandOptions> = async (options, context) => {
  if ((options.adapter === undefined) === (options.module === undefined)) {
    throw usageError('device needs exactly one of --adapter "CMD" (a subprocess) or --module FILE (a Node module, in-process)');
  }
  checkTransportServed(options.transport);
  if (options.webhook === undefined && (options.functionKey !== undefined || options.profile !== undefined)) {
    throw usageError(`${options.functionKey !== undefined ? '--function-key' : '--profile'} is for a webhook given with --webhook (the bundled reference webhook needs neither)`);
  }
  // a URL (file:, data:) is the loader's to read; a path is checked as the input file it is
  const modulePath = options.module !== undefined && !/^[a-z]+:/i.test(options.module) ? options.module : undefined;
  await preflightRun(options, [['--module', modulePath], ['--profile', options.profile]]);
  const redactor = new SecretRedactor().add(options.functionKey);
  const userWebhook = options.webhook === undefined ? undefined : withFunctionKey(parseHttpUrl(options.webhook, '--webhook'), options.functionKey).toString();
  const profile = options.profile === undefined ? undefined : loadDeviceProfile(options.profile);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const corpus = loadCorpus();
  checkDeviceCaseIds(options.caseIds, corpus);
  let webhook: RunningWebhook | undefined;
  let emulator: RunningEmulator | undefined;
  let target: PreparedDeviceTarget | undefined;
  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await target?.driver.stop();
    await emulator?.close();
    await webhook?.close();
  };
  try {
    return await executeCheckRun({
      command: 'device',
      options,
      context,
      redactor,
      build: async (root, session) => {
        webhook = userWebhook === undefined ? await startReferenceWebhook() : undefined;
        const url = userWebhook ?? (webhook as RunningWebhook).url;
        emulator = await startEmulator({
          redactor,
          retryAfterSeconds: 0,
          x509: true,
          standardPorts: options.standardPorts === true,
          ...emulatorChoices(options),
          ...(profile ? profileEmulatorOptions(profile) : {}),
          allocator: webhookAllocator({ url, timeoutMs: Math.min(options.timeout, 30_000) }),
        });
        if (emulator.groupKey) redactor.add(emulator.groupKey);
        target = await prepareDeviceTarget({
          adapter: options.adapter,
          module: options.module,
          cwd: process.cwd(),
          emulator,
          redactor,
          corpus,
          timeoutMs: options.timeout,
          endToEnd: userWebhook !== undefined,
          judgeWebhookAcceptance: userWebhook !== undefined,
          profile,
          narrowing: { ...(options.transport ? { transport: options.transport } : {}), ...(options.dialect ? { dialect: options.dialect } : {}) },
          declaration: session.declaration,
          shard,
          caseIds: options.caseIds,
          onGaveUp: (reason) => session.markIncomplete(reason),
        });
        target.addTo(root);
      },
      cleanup,
    });
  } finally {
    // executeCheckRun cleans up after a run; this covers a failure before the run started
    await cleanup();
  }
};
