import type { CheckResult, Dialect, ImplementationRef, Level, Transport } from '../../src/results/check-result.js';
import { HOSTILE_IMG, HOSTILE_SCRIPT } from './fake-results.js';

export const NODE_SDK: ImplementationRef = { name: 'azure-iot-provisioning-device', version: '1.9.1' };
export const PYTHON_SDK: ImplementationRef = { name: 'azure-iot-device', version: '2.14.0' };
/** The one with a display name and a long package coordinate, as `run` names the bundled Java SDK. */
export const JAVA_SDK: ImplementationRef = {
  name: 'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client',
  version: '2.1.0',
  displayName: 'Azure IoT Java SDK',
  docsUrl: 'implementations/azure-iot-java-sdk/README.md',
};
export const REFERENCE_DEVICE: ImplementationRef = { name: 'reference-device', version: '0.1.0' };
export const REFERENCE_WEBHOOK: ImplementationRef = { name: 'http://127.0.0.1:7071/api/allocate' };

export const DEVICE_CHECK_IDS: ReadonlyArray<[string, Level]> = [
  ['device.data.sent', 'MUST'], ['device.error.credentials', 'MUST'], ['device.mqtt.protocol', 'MUST'],
  ['device.polling.retryAfter', 'SHOULD'], ['device.polling.terminal', 'MUST'], ['device.request.path', 'MUST'],
  ['device.request.registrationId', 'MUST'], ['device.request.sas', 'MUST'], ['device.result.assignment', 'MUST'],
  ['device.result.status', 'MUST'], ['device.returnData.bigIntegers', 'SHOULD'], ['device.returnData.fidelity', 'MUST'],
  ['device.timeout.givesUp', 'SHOULD'], ['e2e.data.reachedWebhook', 'MUST'], ['e2e.returnData.reachedDevice', 'MUST'],
];
const WEBHOOK_CHECK_IDS: ReadonlyArray<[string, Level]> = [
  ['webhook.response.status', 'MUST'], ['webhook.response.schema', 'MUST'], ['webhook.response.json', 'MUST'],
  ['webhook.response.time', 'SHOULD'], ['webhook.returnData.type', 'MUST'], ['webhook.case.hub', 'MUST'],
  ['webhook.auth.functionKey', 'MUST'], ['webhook.allocation.stable', 'SHOULD'],
];
export const CASES = ['nested-object', 'no-data', 'unicode', 'big-integers', 'empty-object', 'array-root'];

/** The stderr of the Node SDK's MQTT transport when it dies on load, as an adapter would leave it. */
export const MQTT_CRASH_STDERR = [
  '/cache/node_modules/azure-iot-provisioning-device-mqtt/dist/mqtt.js:47',
  '    const topic = `$dps/registrations/PUT/iotdps-register/?$rid=${',
  '                                                           ^',
  "SyntaxError: Unexpected token ')'",
  '    at internalCompileFunction (node:internal/vm:76:18)',
].join('\n');
export const CRASH_LINE = "SyntaxError: Unexpected token ')' (mqtt.js:47)";

interface Row {
  implementation: ImplementationRef;
  transport: Transport;
  dialect: Dialect;
}

type Twist = (checkId: string, caseId: string) => Partial<CheckResult> | undefined;

function row(cell: Row, checks: ReadonlyArray<[string, Level]>, twist: Twist = () => undefined): CheckResult[] {
  return checks.flatMap(([checkId, level]) =>
    CASES.map((caseId, i): CheckResult => ({ ...cell, checkId, level, caseId, outcome: 'passed', message: 'as expected', durationMs: 1, exchangeMs: 40 + ((i * 37 + checkId.length * 11) % 160), ...twist(checkId, caseId) })),
  );
}

const crash: Twist = (checkId, caseId) => ({
  outcome: 'errored',
  mismatch: 'crash',
  message: checkId === 'device.mqtt.protocol'
    ? 'expected one valid register reply in time, got crash: the adapter exited with status 1 before replying to register'
    : 'no usable adapter reply: the adapter exited with status 1 before replying to register',
  evidence: { registrationId: `${caseId}-0001`, adapter: { fault: { kind: 'crash', message: 'the adapter exited with status 1 before replying to register' }, stderrTail: MQTT_CRASH_STDERR } },
});

/**
 * Five implementations, the shape of a real `run`: the reference device (3 transports x 2 dialects, all
 * pass), the Node SDK (https and mqtt-ws pass but for one fidelity defect; mqtt crashes on load: 90
 * errored results, one cause), the Python SDK (one SHOULD failure, hostile text in its message and
 * evidence), the Java SDK (amqp skipped: not served), and the reference webhook (one MUST failure).
 * Expected causes: 4 (the crash, the fidelity defect, the Python SHOULD failure, the webhook's schema failure).
 */
export function fiveImplementations(): CheckResult[] {
  const results: CheckResult[] = [];
  for (const transport of ['https', 'mqtt', 'mqtt-ws'] as const) {
    for (const dialect of ['ga', 'preview'] as const) results.push(...row({ implementation: REFERENCE_DEVICE, transport, dialect }, DEVICE_CHECK_IDS));
  }
  const fidelity: Twist = (checkId, caseId) =>
    checkId === 'device.returnData.fidelity' && (caseId === 'big-integers' || caseId === 'nested-object')
      ? { outcome: 'failed', mismatch: 'value-mismatch', message: `expected returnData of ${caseId} unchanged, got 2 members changed`, expected: { n: 12345678901234567890n.toString() }, actual: { n: 12345678901234567000 } }
      : undefined;
  results.push(...row({ implementation: NODE_SDK, transport: 'https', dialect: 'ga' }, DEVICE_CHECK_IDS, fidelity));
  results.push(...row({ implementation: NODE_SDK, transport: 'mqtt-ws', dialect: 'ga' }, DEVICE_CHECK_IDS, fidelity));
  results.push(...row({ implementation: NODE_SDK, transport: 'mqtt', dialect: 'ga' }, DEVICE_CHECK_IDS, crash));
  for (const transport of ['mqtt', 'mqtt-ws'] as const) {
    results.push(...row({ implementation: PYTHON_SDK, transport, dialect: 'ga' }, DEVICE_CHECK_IDS, (checkId, caseId) =>
      checkId === 'device.polling.retryAfter' && caseId === 'no-data'
        ? { outcome: 'failed', message: `expected a poll after Retry-After 2 s, got one after 0 s ${HOSTILE_SCRIPT}`, actual: HOSTILE_IMG, evidence: { stderrTail: `${HOSTILE_IMG} polling` } }
        : undefined));
  }
  for (const transport of ['https', 'mqtt'] as const) results.push(...row({ implementation: JAVA_SDK, transport, dialect: 'ga' }, DEVICE_CHECK_IDS));
  results.push(...row({ implementation: JAVA_SDK, transport: 'amqp', dialect: 'ga' }, DEVICE_CHECK_IDS, () => ({ outcome: 'skipped', message: 'transport amqp is not served by the emulator' })));
  for (const dialect of ['ga', 'preview'] as const) {
    results.push(...row({ implementation: REFERENCE_WEBHOOK, transport: 'http', dialect }, WEBHOOK_CHECK_IDS, (checkId, caseId) =>
      checkId === 'webhook.response.schema' && dialect === 'preview' && caseId !== 'no-data'
        ? { outcome: 'failed', mismatch: 'schema-mismatch', message: `expected a schema-valid AllocationResponse for ${caseId}, got /returnData must be string`, evidence: { response: { status: 200, body: { returnData: { a: 1 } } } } }
        : undefined));
  }
  return results;
}
