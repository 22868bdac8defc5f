/**
 * The DPS emulator's public surface (others depend on it; every export by name).
 */
export { startEmulator, DEFAULT_LINKED_HUBS, DEFAULT_GROUP_ID } from './start-emulator.js';
export { STANDARD_PORTS, PRIVILEGED_PORT_HINT } from './standard-ports.js';
export type { EmulatorOptions, RunningEmulator } from './emulator-options.js';
export type { RegistrationPlan } from './core/registration-plan.js';
export type { EnrollmentConfig, IndividualEnrollmentConfig, GroupEnrollmentConfig, EnrollmentView } from './core/enrollments.js';
export type { Allocator, AllocationContext, AllocationOutcome, AllocationTrace } from './allocation/allocator.js';
export { staticAllocator, type StaticAllocatorOptions } from './allocation/static-allocator.js';
export { webhookAllocator, type WebhookAllocatorOptions } from './allocation/webhook-allocator.js';
export { DPS_WEBHOOK_RETRY_SCHEDULE, type RetrySchedule } from './allocation/retry-schedule.js';
export type { UnexpectedPolicy, UnexpectedDecision } from './core/unexpected-policy.js';
export type { UnexpectedReason, UnexpectedRequest, FrontEnd, WireRequest, AmqpWire, ExchangeNotes } from './core/core-request.js';
export type { MqttAuthFailure } from './mqtt/mqtt-front-end.js';
export type { TranscriptEntry, TranscriptQuery } from './transcript/transcript-entry.js';
export type { ConnectionEnd } from './core/connection-end.js';
export type { TranscriptView } from './transcript/transcript.js';
export type { Observations, RegistrationObservation } from './transcript/observations.js';
export type { Redactor } from './support/redactor.js';
export { deriveDeviceKey } from './auth/derive-device-key.js';
export { signSasToken, type SignSasOptions } from './auth/sign-sas-token.js';
export { verifySasToken, type SasCheck, type SasVerdict } from './auth/verify-sas-token.js';
export { ErrorCatalogue, AllocationFailure } from './error-catalogue.js';
export { MAX_MESSAGE_BYTES } from './dps-limits.js';
export { NOT_UTF8, type InvalidUtf8Handling } from './core/decode-device-text.js';
export type { DeviceCertificate } from './x509/device-ca.js';
export type { DeviceCertificateOptions } from './x509/x509-setup.js';
export type { AmqpErrorReply } from './amqp/amqp-connection.js';
