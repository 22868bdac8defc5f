import type { Level } from '../../src/results/check-result.js';

/** One entry of the device check catalogue (CHECKS.md says the same in prose). */
export interface DeviceCheckDef {
  id: string;
  level: Level;
  title: string;
}

function check(id: string, level: Level, title: string): DeviceCheckDef {
  return { id, level, title };
}

/** Every check the device suite can produce, by stable id (docs/contract/reports.md). */
export const DEVICE_CHECKS = {
  adapterStart: check('adapter.start', 'MUST', 'the adapter answers `start` per protocol v1 with what it claims'),
  adapterStop: check('adapter.stop', 'MUST', 'the adapter answers `stop` and then exits by itself'),
  adapterProtocol: check('adapter.protocol', 'MUST', 'the adapter answers `register` per protocol v1: one valid reply, right seq, in time, nothing else on stdout'),
  requestPath: check('device.request.path', 'MUST', 'every request is a DPS operation: method, path (or topic) and a non-empty api-version'),
  requestRegistrationId: check('device.request.registrationId', 'MUST', 'the registration ID is the one given, and the body ID equals the path / MQTT client ID'),
  requestBody: check('device.request.body', 'MUST', 'every register body is one DPS takes: JSON, an object, only the members DeviceRegistration knows, a payload DPS reads, within 96 KB'),
  requestSas: check('device.request.sas', 'MUST', 'every request carries a valid SAS token for the registration'),
  dataSent: check('device.data.sent', 'MUST', "the device data sits under the dialect's member, equal to what the application gave (numbers as doubles); none when none was given"),
  pollingTerminal: check('device.polling.terminal', 'MUST', 'the device polls until DPS answers a terminal status'),
  pollingRetryAfter: check('device.polling.retryAfter', 'SHOULD', 'no poll comes sooner than the Retry-After DPS asked for'),
  pollingThrottle: check('device.polling.throttle', 'MUST', 'after a 429 with Retry-After, the device retries, and not before the advised delay'),
  amqpProtocol: check('device.amqp.protocol', 'MUST', 'AMQP: SASL PLAIN user name, link addresses, operation types and correlation as documented'),
  mqttProtocol: check('device.mqtt.protocol', 'MUST', 'MQTT: client ID, user name, response subscription, topics and QoS as documented'),
  resultStatus: check('device.result.status', 'MUST', 'the status handed to the application is the terminal status DPS sent'),
  resultAssignment: check('device.result.assignment', 'MUST', 'assignedHub and deviceId handed to the application are the ones DPS sent'),
  returnDataFidelity: check('device.returnData.fidelity', 'MUST', 'the returned data handed to the application equals what DPS delivered'),
  returnDataFragmented: check('device.returnData.fragmented', 'MUST', 'the same when the answer arrives in small pieces'),
  errorCredentials: check('device.error.credentials', 'MUST', 'a wrong key ends in an error reported to the application, not a hang or a crash'),
  errorAllocationFailed: check('device.error.allocationFailed', 'MUST', 'a failed allocation is reported to the application as an error or a `failed` status'),
  dataObject: check('device.data.object', 'SHOULD', 'the ga payload is a JSON object, as DPS documents (DPS also takes a JSON string holding one)'),
  dataBigIntegers: check('device.data.bigIntegers', 'SHOULD', 'integers beyond 2^53 in the device data reach DPS with every digit'),
  returnDataBigIntegers: check('device.returnData.bigIntegers', 'SHOULD', 'integers beyond 2^53 in the returned data keep every digit'),
  timeoutGivesUp: check('device.timeout.givesUp', 'SHOULD', 'when DPS never finishes, the device gives up within the time it was given and reports an error'),
  e2eDataReachedWebhook: check('e2e.data.reachedWebhook', 'MUST', 'the data that reached the webhook equals the data given to the device'),
  e2eAllocationAccepts: check('e2e.allocation.accepts', 'MUST', 'the webhook allocates at least one of the devices the run registers (once per run with --webhook)'),
  e2eReturnDataReachedDevice: check('e2e.returnData.reachedDevice', 'MUST', 'the data the webhook returned reached the application'),
} as const;

export type DeviceCheckKey = keyof typeof DEVICE_CHECKS;
