import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../../../report/atomic-write.js';
import { join, resolve } from 'node:path';
import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { SecretRedactor } from '../../../results/secret-redactor.js';
import { startEmulator } from '../../../emulator/index.js';
import { banner, endpointFile } from './support/emulator-banner.js';
import { chooseAllocator } from './support/choose-allocator.js';
import { loadEmulatorConfig } from './support/load-emulator-config.js';
import type { EmulateCommandOptions } from './define.js';

const DEFAULT_RETRY_AFTER = 2;

/**
 * `emulate` (docs/contract/cli.md): serves DPS until SIGINT/SIGTERM, then writes the observation report.
 * Files in `--out`: emulator.json, emulator-ca.pem, .emulator-tls/ (the CA is kept across runs so
 * devices keep trusting it), and on exit emulator-observations.json and emulator-transcript.json.
 */
export const handle: CommandHandler<EmulateCommandOptions> = async (options, context) => {
  const config = options.config === undefined ? undefined : await loadEmulatorConfig(options.config);
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const redactor = new SecretRedactor();
  const allocation = await chooseAllocator(options.webhook, config);
  for (const secret of allocation.secrets) redactor.add(secret);
  try {
    const emulator = await startEmulator({
      host: options.host,
      httpsPort: options.httpsPort,
      mqttPort: options.mqttPort,
      // the flag wins over the file, the file over the default
      retryAfterSeconds: options.retryAfter ?? config?.retryAfterSeconds ?? DEFAULT_RETRY_AFTER,
      allocator: allocation.allocator,
      redactor,
      tlsCacheDir: join(out, '.emulator-tls'),
      portOptionNames: { https: '--https-port', mqtt: '--mqtt-port' },
      ...(config?.idScope !== undefined ? { idScope: config.idScope } : {}),
      ...(config?.enrollments !== undefined ? { enrollments: config.enrollments } : {}),
      ...(config?.linkedHubs !== undefined ? { linkedHubs: config.linkedHubs } : {}),
      ...(config?.dialect !== undefined ? { defaultDialect: config.dialect } : {}),
    });
    const startedAt = new Date().toISOString();
    const caFile = join(out, 'emulator-ca.pem');
    await writeFileAtomic(caFile, emulator.caPem);
    const file = endpointFile(emulator, caFile);
    const jsonPath = join(out, 'emulator.json');
    // written whole, then renamed: a script waiting for the file never reads half of it
    await writeFileAtomic(jsonPath, `${JSON.stringify(file, null, 2)}\n`);
    context.stdout.write(banner(file, jsonPath, allocation.description, emulator.groupId));

    await new Promise<void>((done) => {
      if (context.signal.aborted) return done();
      context.signal.addEventListener('abort', () => done(), { once: true });
    });

    await emulator.close();
    const report = { idScope: emulator.idScope, startedAt, endedAt: new Date().toISOString(), allocation: allocation.description, ...emulator.observations() };
    const reportPath = join(out, 'emulator-observations.json');
    await writeFileAtomic(reportPath, `${JSON.stringify(redactor.redactDeep(report), null, 2)}\n`);
    await writeFileAtomic(join(out, 'emulator-transcript.json'), `${JSON.stringify(emulator.transcript.entries(), null, 2)}\n`);
    context.stdout.write(`stopped; ${report.registrations.length} registration(s) observed; report: ${reportPath}\n`);
    return ExitStatus.OK;
  } finally {
    await allocation.close();
  }
};
