import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from '../../command-context.js';
import { usageError } from '../../../errors/harness-error.js';
import { checkBrokerUrl } from '../../broker-url-option.js';
import { ExitStatus } from '../../exit-status.js';
import { packageVersion } from '../../../meta/package-info.js';
import { publishVerificationResults, VerificationBrokerError, type PublishVerificationOptions } from '../../../contracts/publish-verification.js';
import { verificationsFromResults } from '../../../contracts/verifications-from-results.js';
import { SecretRedactor } from '../../../results/secret-redactor.js';
import { parseCtrf } from '../../../../src/report/format/parse-ctrf.js';
import type { WebhookCommandOptions } from './options.js';

/** What `webhook --broker-url` publishes with, checked before the run so a typo costs no run. */
export function brokerPublishing(options: WebhookCommandOptions): PublishVerificationOptions | undefined {
  if (options.brokerUrl === undefined) {
    if (options.providerVersion !== undefined || options.providerBranch !== undefined) throw usageError('--provider-version and --provider-branch need --broker-url');
    return undefined;
  }
  checkBrokerUrl(options.brokerUrl);
  if (!options.providerVersion?.trim()) throw usageError('--broker-url needs --provider-version (the webhook version that was verified, e.g. the commit)');
  const env = process.env;
  return {
    brokerUrl: options.brokerUrl,
    providerVersion: options.providerVersion,
    toolVersion: packageVersion,
    ...(options.providerBranch === undefined ? {} : { branch: options.providerBranch }),
    ...(options.buildUrl === undefined ? {} : { buildUrl: options.buildUrl }),
    ...(env['PACT_BROKER_TOKEN'] ? { token: env['PACT_BROKER_TOKEN'] } : {}),
    ...(env['PACT_BROKER_USERNAME'] === undefined ? {} : { username: env['PACT_BROKER_USERNAME'] }),
    ...(env['PACT_BROKER_PASSWORD'] === undefined ? {} : { password: env['PACT_BROKER_PASSWORD'] }),
  };
}

/**
 * After the run: the contract check's results (read back from ctrf.json, redacted as written) to the
 * broker. The run's own status stands unless publishing fails, which is exit 2 with the broker's reason.
 */
export async function publishAfterRun(options: PublishVerificationOptions, outDir: string, status: number, context: CommandContext): Promise<number> {
  if (status === ExitStatus.HARNESS_ERROR) return status;
  const redactor = new SecretRedactor().add(options.token).add(options.password);
  const verifications = verificationsFromResults(parseCtrf(readFileSync(join(outDir, 'ctrf.json'), 'utf8')).results);
  if (verifications.length === 0) {
    context.stderr.write('dps-conformance: no Pact verification ran (the contract check runs in shard 1 only), so nothing was published\n');
    return status;
  }
  try {
    for (const done of await publishVerificationResults(verifications, options)) {
      context.stdout.write(redactor.redact(`published verification ${done.consumer} -> ${done.provider} ${options.providerVersion}: ${done.success ? 'success' : 'failure'}\n`));
    }
    return status;
  } catch (error) {
    if (!(error instanceof VerificationBrokerError)) throw error;
    context.stderr.write(redactor.redact(`dps-conformance: ${error.message}\n`));
    return ExitStatus.HARNESS_ERROR;
  }
}
