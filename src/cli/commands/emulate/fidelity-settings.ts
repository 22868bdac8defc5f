import type { EmulatorOptions } from '../../../emulator/index.js';
import type { EmulatorConfigFile } from './support/emulator-config.js';
import type { EmulateCommandOptions } from './options.js';

type FidelityOptions = Pick<
  EmulatorOptions,
  'requireKeyName' | 'acceptMqtt31' | 'persistentMqttSessions' | 'pollRateLimit' | 'reRegistration' | 'maxJsonDepth' | 'invalidUtf8' | 'serverName' | 'strictPayload' | 'stringPayloadToWebhook' | 'nonJsonStringPayload' | 'asciiAnswers' | 'amqpMaxMessageSize'
>;

/**
 * The emulator's departures from DPS for `emulate`: a flag wins over the config file, the file over
 * DPS's behaviour (docs/emulator-behaviour.md). Only what was asked for is set.
 */
export function fidelitySettings(options: EmulateCommandOptions, config: EmulatorConfigFile | undefined): FidelityOptions {
  const settings: FidelityOptions = {};
  const requireKeyName = options.requireSkn ?? config?.requireKeyName;
  if (requireKeyName !== undefined) settings.requireKeyName = requireKeyName;
  const acceptMqtt31 = options.acceptMqtt31 ?? config?.acceptMqtt31;
  if (acceptMqtt31 !== undefined) settings.acceptMqtt31 = acceptMqtt31;
  const persistent = options.persistentSessions ?? config?.persistentMqttSessions;
  if (persistent !== undefined) settings.persistentMqttSessions = persistent;
  const pollRateLimit = options.pollRateLimit ?? config?.pollRateLimit;
  if (pollRateLimit !== undefined) settings.pollRateLimit = pollRateLimit;
  const reRegistration = options.reRegistration ?? config?.reRegistration;
  if (reRegistration !== undefined) settings.reRegistration = reRegistration;
  const maxJsonDepth = options.maxJsonDepth ?? config?.maxJsonDepth;
  if (maxJsonDepth !== undefined) settings.maxJsonDepth = maxJsonDepth;
  if (options.acceptInvalidUtf8 === true) settings.invalidUtf8 = 'replace';
  const serverName = options.serverName ?? config?.serverName;
  if (serverName !== undefined) settings.serverName = serverName;
  const strictPayload = options.strictPayload ?? config?.strictPayload;
  if (strictPayload !== undefined) settings.strictPayload = strictPayload;
  const toWebhook = options.stringPayloadToWebhook ?? config?.stringPayloadToWebhook;
  if (toWebhook !== undefined) settings.stringPayloadToWebhook = toWebhook;
  const notJson = options.nonJsonStringPayload ?? config?.nonJsonStringPayload;
  if (notJson !== undefined) settings.nonJsonStringPayload = notJson;
  const asciiAnswers = options.asciiAnswers ?? config?.asciiAnswers;
  if (asciiAnswers !== undefined) settings.asciiAnswers = asciiAnswers;
  // `--no-amqp-max-message-size` can only turn it off, so the file decides unless the flag was given
  const amqpMaxMessageSize = options.amqpMaxMessageSize === false ? false : config?.amqpMaxMessageSize;
  if (amqpMaxMessageSize !== undefined) settings.amqpMaxMessageSize = amqpMaxMessageSize;
  return settings;
}
