import { writeFileAtomic } from '../../../report/atomic-write.js';
import { join, resolve } from 'node:path';
import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { checkInputFiles, checkOutDir } from '../../preflight-paths.js';
import { SecretRedactor } from '../../../results/secret-redactor.js';
import { startEmulator, type Observations } from '../../../emulator/index.js';
import { banner, endpointFile } from './support/emulator-banner.js';
import { chooseAllocator } from './support/choose-allocator.js';
import { loadEmulatorConfig } from './support/load-emulator-config.js';
import type { EmulatorConfigFile } from './support/emulator-config.js';
import type { EmulateCommandOptions } from './options.js';
import { fidelitySettings } from './fidelity-settings.js';
import { gradeOnExit } from './grade-on-exit.js';
import { observedDevices } from '../../../../suites/emulate-grading/grade-observed.js';
import type { UserNames } from '../../../../suites/emulate-grading/device-names.js';
import { scenarioPlanner } from '../../../../suites/emulate-grading/scenario-planner.js';
import { writeX509Devices, x509BannerLines } from './support/write-x509-devices.js';
import { unattributedLines } from './support/unattributed-lines.js';
import { isValidRegistrationId } from '../../../emulator/dps-limits.js';
import { usageError } from '../../../errors/harness-error.js';

const DEFAULT_RETRY_AFTER = 2;

/**
 * `emulate` (docs/contract/cli.md): serves DPS until SIGINT/SIGTERM, then writes the observation report.
 * Files in `--out`: emulator.json, emulator-ca.pem, .emulator-tls/ (the CA is kept across runs so
 * devices keep trusting it), and on exit emulator-observations.json, emulator-transcript.json and the
 * report set (ctrf.json, junit.xml, summary.md, report.html) grading every registration it saw with the
 * device suite's server-side checks. The exit status is every command's (docs/contract/cli.md): 1 when
 * a graded MUST result failed or errored, else 0.
 */
export const handle: CommandHandler<EmulateCommandOptions> = async (options, context) => {
  await checkInputFiles([['--config', options.config]]);
  const config = options.config === undefined ? undefined : await loadEmulatorConfig(options.config);
  const out = resolve(options.out);
  for (const id of options.x509Device ?? []) {
    if (!isValidRegistrationId(id)) throw usageError(`--x509-device ${JSON.stringify(id)}: not a registration ID (up to 128 of a-z A-Z 0-9 - . _ :, ending in a letter, digit or -)`);
  }
  await checkOutDir(options.out);
  const redactor = new SecretRedactor();
  const allocation = await chooseAllocator(options.webhook, config);
  for (const secret of allocation.secrets) redactor.add(secret);
  const scenarios = options.scenarios ?? config?.scenarios ?? false;
  // set once the emulator is up (the planner sets plans through it)
  let beforeRegister: ((registrationId: string) => string | undefined) | undefined;
  try {
    const emulator = await startEmulator({
      ...(scenarios ? { beforeRegister: (registrationId: string) => beforeRegister?.(registrationId) } : {}),
      host: options.host,
      httpsPort: options.httpsPort,
      mqttPort: options.mqttPort,
      amqpPort: options.amqpPort,
      x509: (options.x509Device ?? []).length > 0,
      // the flag wins over the file, the file over the default
      retryAfterSeconds: options.retryAfter ?? config?.retryAfterSeconds ?? DEFAULT_RETRY_AFTER,
      ...(options.pollHold !== undefined ? { pollHoldMs: options.pollHold } : {}),
      allocator: allocation.allocator,
      redactor,
      tlsCacheDir: join(out, '.emulator-tls'),
      portOptionNames: { https: '--https-port', mqtt: '--mqtt-port', amqp: '--amqp-port' },
      ...(config?.idScope !== undefined ? { idScope: config.idScope } : {}),
      ...(config?.enrollments !== undefined ? { enrollments: config.enrollments } : {}),
      ...(config?.linkedHubs !== undefined ? { linkedHubs: config.linkedHubs } : {}),
      ...(config?.dialect !== undefined ? { defaultDialect: config.dialect } : {}),
      ...fidelitySettings(options, config),
    });
    if (scenarios) beforeRegister = scenarioPlanner((registrationId, plan) => emulator.plan(registrationId, plan));
    const startedAt = new Date().toISOString();
    const caFile = join(out, 'emulator-ca.pem');
    await writeFileAtomic(caFile, emulator.caPem);
    const x509 = options.x509Device?.length ? await writeX509Devices(emulator, out, options.x509Device) : undefined;
    const file = { ...endpointFile(emulator, caFile), ...(x509 ? { x509 } : {}) };
    const jsonPath = join(out, 'emulator.json');
    // written whole, then renamed: a script waiting for the file never reads half of it
    await writeFileAtomic(jsonPath, `${JSON.stringify(file, null, 2)}\n`);
    context.stdout.write(banner(file, jsonPath, allocation.description, emulator.groupId));
    if (x509) context.stdout.write(`${x509BannerLines(x509).join('\n')}\n`);

    await new Promise<void>((done) => {
      if (context.signal.aborted) return done();
      context.signal.addEventListener('abort', () => done(), { once: true });
    });

    // what a device had not done by now, it may still have been doing: judged as such, not as a failure
    const stoppedAt = Date.now();
    const why = typeof context.signal.reason === 'string' ? context.signal.reason : 'stop requested';
    context.stdout.write(`stopping (${why}): writing the observations and the report set\n`);
    await emulator.close();
    // the records first, the report set after: what the emulator saw is never lost because one part
    // cannot be written (a full disk, a report formatter); each part that fails is named, and exit is 2
    const failures: string[] = [];
    const attempt = async <T>(what: string, work: () => T | Promise<T>): Promise<T | undefined> => {
      try {
        return await work();
      } catch (error) {
        failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    };
    const names = userNames(options, config);
    const reportPath = join(out, 'emulator-observations.json');
    let observed = 0;
    let unattributed: Observations['unattributed'] = [];
    await attempt('emulator-observations.json', async () => {
      const endedAt = new Date().toISOString();
      // the device list is read from the transcript: if that fails, the registrations are still written
      const devices = await attempt('the device list of emulator-observations.json', () => observedDevices({ entries: emulator.transcript.entries(), names }));
      const observations = emulator.observations();
      const report = { idScope: emulator.idScope, startedAt, endedAt, allocation: allocation.description, ...observations, ...(devices ? { devices } : {}) };
      observed = report.registrations.length;
      unattributed = observations.unattributed;
      await writeFileAtomic(reportPath, `${JSON.stringify(redactor.redactDeep(report), null, 2)}\n`);
    });
    await attempt('emulator-transcript.json', () => writeFileAtomic(join(out, 'emulator-transcript.json'), `${JSON.stringify(emulator.transcript.entries(), null, 2)}\n`));
    const graded = await attempt('the report set', () => gradeOnExit(emulator, { out, startedAt, stoppedAt, defaultDialect: config?.dialect ?? 'ga', redactor, names }));
    context.stdout.write(`stopped; ${observed} registration(s) observed; report: ${reportPath}\n`);
    for (const line of unattributedLines(unattributed, reportPath)) context.stdout.write(`${line}\n`);
    if (graded) context.stdout.write(`graded: ${graded.results} result(s), ${graded.failedMust} MUST failed or errored; ${join(out, 'summary.md')}\n`);
    if (failures.length > 0) {
      for (const failure of failures) context.stderr.write(`dps-conformance: could not write ${failure}\n`);
      return ExitStatus.HARNESS_ERROR;
    }
    return graded && graded.failedMust > 0 ? ExitStatus.MUST_FAILED : ExitStatus.OK;
  } finally {
    await allocation.close();
  }
};

/** The user's names for implementations: `--implementation` for every device, the config file per registration ID. */
function userNames(options: EmulateCommandOptions, config: EmulatorConfigFile | undefined): UserNames {
  return {
    ...(options.implementation !== undefined ? { all: options.implementation } : {}),
    ...(config?.implementations !== undefined ? { byRegistrationId: config.implementations } : {}),
  };
}
