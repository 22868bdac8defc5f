import type { Dialect } from '../../../../results/check-result.js';
import type { EnrollmentConfig } from '../../../../emulator/core/enrollments.js';
import type { EmulatorConfiguration } from '../../../../schemas/generated/harness/emulator-config.js';

/** The members that choose between DPS's behaviour and another (docs/emulator-behaviour.md). */
export type EmulatorFidelityConfig = Pick<
  EmulatorConfiguration,
  | 'requireKeyName'
  | 'acceptMqtt31'
  | 'persistentMqttSessions'
  | 'pollRateLimit'
  | 'reRegistration'
  | 'maxJsonDepth'
  | 'serverName'
  | 'scenarios'
  | 'strictPayload'
  | 'stringPayloadToWebhook'
  | 'nonJsonStringPayload'
  | 'asciiAnswers'
  | 'amqpMaxMessageSize'
>;

/** `emulate --config FILE`, as `schemas/harness/emulator-config.schema.json` defines it. */
export interface EmulatorConfigFile extends EmulatorFidelityConfig {
  idScope?: string;
  enrollments?: EnrollmentConfig[];
  allocation?: { type: 'custom'; webhookUrl: string; timeoutMs?: number } | { type: 'static'; hub: string };
  linkedHubs?: string[];
  retryAfterSeconds?: number;
  dialect?: Dialect;
  /** registration ID -> the implementation it is reported as (`NAME` or `NAME/VERSION`) */
  implementations?: Record<string, string>;
}
