import type { CheckResult, Dialect, ImplementationRef, Level, Transport } from '../../src/results/check-result.js';
import type { RunInfo } from '../../src/results/run-info.js';

/** Two ways an implementation may try to run script in the report; both set `window.__pwned`. */
export const HOSTILE_SCRIPT = '<script>window.__pwned=1</script>';
export const HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">';

/** Unique text inside one failure's evidence, to find it on the page. */
export const EVIDENCE_MARKER = 'evidence-marker-webhook-schema-7f3a';

export const REFERENCE: ImplementationRef = { name: 'reference-device', version: '1.0.0' };
export const SDK: ImplementationRef = { name: 'azure-iot-provisioning-device', version: '1.9.1' };
export const HOSTILE: ImplementationRef = { name: HOSTILE_SCRIPT, version: HOSTILE_IMG };
export const WEBHOOK: ImplementationRef = { name: 'http://127.0.0.1:7071/api/alloc' };

/** One failed MUST result of one SDK, for tests that vary a field or two. */
export const ONE_FAILURE: CheckResult = {
  checkId: 'device.returnData.fidelity',
  level: 'MUST',
  outcome: 'failed',
  dialect: 'ga',
  transport: 'https',
  caseId: 'nested-object',
  implementation: { name: 'sdk', version: '1.0.0' },
  message: 'expected returnData unchanged, got a string',
};

export const fakeRunInfo: RunInfo = {
  tool: { name: 'dps-conformance', version: '0.1.0' },
  command: 'run',
  suiteVersion: 'sha256:0123456789ab',
  startedAt: '2025-01-02T03:04:05.000Z',
  finishedAt: '2025-01-02T03:05:05.000Z',
};

const DEVICE_CHECKS: ReadonlyArray<[string, Level]> = [
  ['device.register.status', 'MUST'],
  ['device.register.hub', 'MUST'],
  ['device.returnData.fidelity', 'MUST'],
  ['device.returnData.type', 'SHOULD'],
];
const CASES = ['nested-object', 'no-data'];

interface Cell {
  implementation: ImplementationRef;
  transport: Transport;
  dialect: Dialect;
}

function passed(cell: Cell, checkId: string, level: Level, caseId: string): CheckResult {
  return { ...cell, checkId, level, caseId, outcome: 'passed', message: 'as expected' };
}

function device(cell: Cell, outcomeOf: (checkId: string, caseId: string) => Partial<CheckResult> | undefined): CheckResult[] {
  return DEVICE_CHECKS.flatMap(([checkId, level]) => CASES.map((caseId) => ({ ...passed(cell, checkId, level, caseId), ...outcomeOf(checkId, caseId) })));
}

const failed = (message: string, extra: Partial<CheckResult> = {}): Partial<CheckResult> => ({ outcome: 'failed', message, ...extra });

/**
 * A run over several implementations x transports x dialects with known counts:
 * - reference-device@1.0.0: https and mqtt, ga and preview, everything passes (4 per family cell);
 * - azure-iot-provisioning-device@1.9.1 mqtt preview: device.returnData 1/4 passed, 2 failed, 1 errored (fail);
 *   https ga: device.returnData 3/4 passed, 1 SHOULD failed (partial); amqp ga: skipped;
 * - a hostile implementation whose name, message, actual and evidence carry markup;
 * - a webhook (http ga): webhook.response.schema fails with EVIDENCE_MARKER in its evidence, one waived.
 */
export function fakeResults(): CheckResult[] {
  const results: CheckResult[] = [];
  for (const transport of ['https', 'mqtt'] as const) {
    for (const dialect of ['ga', 'preview'] as const) {
      results.push(...device({ implementation: REFERENCE, transport, dialect }, () => undefined));
      results.push(
        ...device({ implementation: SDK, transport, dialect }, (checkId, caseId) => {
          if (transport === 'mqtt' && dialect === 'preview' && checkId === 'device.returnData.fidelity') {
            return failed(`expected returnData ${caseId} unchanged, got a string`, { mismatch: 'wrong-type', expected: { a: { b: [1, 2] } }, actual: '{"a":{"b":[1,2]}}', evidence: { register: { returnData: '{"a":{"b":[1,2]}}' } } });
          }
          if (transport === 'mqtt' && dialect === 'preview' && checkId === 'device.returnData.type' && caseId === 'nested-object') {
            return { outcome: 'errored', message: 'expected a register reply within 20000 ms, got none', mismatch: 'timeout', evidence: { stderr: 'adapter hung' } };
          }
          if (transport === 'https' && dialect === 'ga' && checkId === 'device.returnData.type' && caseId === 'nested-object') {
            return failed('expected returnData as an object, got an array', { mismatch: 'wrong-type', expected: 'object', actual: [] });
          }
          return undefined;
        }),
      );
    }
  }
  const amqp: Cell = { implementation: SDK, transport: 'amqp', dialect: 'ga' };
  results.push({ ...passed(amqp, 'device.register.status', 'MUST', 'no-data'), outcome: 'skipped', message: 'transport amqp not supported' });

  const hostile: Cell = { implementation: HOSTILE, transport: 'https', dialect: 'ga' };
  results.push(
    ...device(hostile, (checkId, caseId) =>
      checkId === 'device.register.status' && caseId === 'nested-object'
        ? failed(`expected status assigned, got ${HOSTILE_SCRIPT}`, { mismatch: 'wrong-status', expected: 'assigned', actual: { status: HOSTILE_IMG }, evidence: { reply: `${HOSTILE_SCRIPT}${HOSTILE_IMG}` } })
        : undefined,
    ),
  );

  const webhook: Cell = { implementation: WEBHOOK, transport: 'http', dialect: 'ga' };
  results.push(
    { ...passed(webhook, 'webhook.response.status', 'MUST', 'with-data') },
    {
      ...passed(webhook, 'webhook.response.schema', 'MUST', 'with-data'),
      ...failed('expected a schema-valid AllocationResponse, got iotHubHostName missing', {
        mismatch: 'schema-mismatch',
        expected: { required: ['iotHubHostName'] },
        actual: { payload: { x: 1 } },
        evidence: { request: { method: 'POST', url: '/api/alloc?code=[REDACTED]' }, response: { status: 200, body: { payload: { x: 1 } }, note: EVIDENCE_MARKER } },
      }),
    },
    { ...passed(webhook, 'webhook.response.timing', 'MUST', 'with-data'), ...failed('expected a reply within 5000 ms, got one after 6100 ms', { waived: { reason: 'slow cold start, tracked in #12', expires: '2099-01-01' } }) },
  );
  return results;
}
