import type { CommandHandler } from '../../command-context.js';
import { checkBrokerUrl } from '../../broker-url-option.js';
import { ExitStatus } from '../../exit-status.js';
import { usageError } from '../../../errors/harness-error.js';
import { BrokerError, publishContracts } from '../../../contracts/publish-contracts.js';
import { SecretRedactor } from '../../../results/secret-redactor.js';
import type { ContractsPublishOptions } from './options.js';

/**
 * `contracts publish`: every pact file to a Pact Broker. A broker that refuses or cannot be reached is
 * an operational problem, not a failed check, so it exits 2 with the broker's reason.
 */
export const handle: CommandHandler<ContractsPublishOptions> = async (options, context) => {
  checkBrokerUrl(options.brokerUrl);
  if (options.consumerVersion.trim() === '') throw usageError('--consumer-version must not be empty');
  const token = options.brokerToken ?? process.env['PACT_BROKER_TOKEN'];
  const username = process.env['PACT_BROKER_USERNAME'];
  const password = process.env['PACT_BROKER_PASSWORD'];
  const redactor = new SecretRedactor().add(token).add(password);
  try {
    const published = await publishContracts({
      brokerUrl: options.brokerUrl,
      consumerVersion: options.consumerVersion,
      ...(options.branch === undefined ? {} : { branch: options.branch }),
      ...(options.tag === undefined ? {} : { tags: options.tag }),
      ...(token ? { token } : {}),
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
    });
    for (const entry of published) {
      context.stdout.write(redactor.redact(`published ${entry.consumer} ${options.consumerVersion} -> ${entry.providers.join(', ')}\n`));
      for (const notice of entry.notices) context.stdout.write(redactor.redact(`  ${notice}\n`));
    }
    return ExitStatus.OK;
  } catch (error) {
    if (!(error instanceof BrokerError)) throw error;
    for (const entry of error.published) context.stdout.write(redactor.redact(`published ${entry.consumer} ${options.consumerVersion} -> ${entry.providers.join(', ')}\n`));
    context.stderr.write(redactor.redact(`dps-conformance: ${error.message}\n`));
    return ExitStatus.HARNESS_ERROR;
  }
};
