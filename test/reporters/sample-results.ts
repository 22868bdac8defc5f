import type { CheckResult } from '../../src/results/check-result.js';
import type { RunInfo } from '../../src/results/run-info.js';

export const runInfo: RunInfo = {
  tool: { name: 'dps-conformance', version: '0.1.0' },
  command: 'device',
  suiteVersion: 'sha256:abc',
  startedAt: '2025-01-02T03:04:05.000Z',
  finishedAt: '2025-01-02T03:05:05.000Z',
  shard: '1/2',
  declaration: { dialects: ['ga'], nested: { a: [1, null, 'x'] } },
};

/** Text an implementation might send to break a report. */
export const NASTY = 'a|b `tick` <img src=x onerror=alert(1)> <script>alert(1)</script> ]]> \u0000\u0007 \ud800 & "q" \'s\'\nsecond line';

export function result(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: 'device.returnData.fidelity',
    level: 'MUST',
    outcome: 'passed',
    dialect: 'ga',
    transport: 'https',
    caseId: 'nested-object',
    implementation: { name: 'azure-iot-provisioning-device', version: '1.9.1' },
    message: 'returnData arrived unchanged',
    durationMs: 12,
    ...overrides,
  };
}

/** One of each kind, with nasty strings and all optional fields. */
export function mixedResults(): CheckResult[] {
  return [
    result(),
    result({
      checkId: 'webhook.response.schema',
      outcome: 'failed',
      transport: 'http',
      implementation: { name: 'https://example.test/api/alloc' },
      message: `expected a schema-valid response, got ${NASTY}`,
      mismatch: 'schema-mismatch',
      expected: { iotHubHostName: 'string' },
      actual: { body: NASTY, n: 1.5, ok: false, nothing: null },
      evidence: { request: { headers: { 'content-type': 'application/json' } }, response: NASTY },
    }),
    result({ checkId: 'device.register.timeout', outcome: 'errored', message: 'no reply within 20000 ms', mismatch: 'timeout', harnessFault: true }),
    result({ checkId: 'device.payload.size', level: 'SHOULD', outcome: 'failed', dialect: 'preview', message: 'too large', expected: 'at most 4 KiB', actual: 5000 }),
    result({ checkId: 'device.amqp', outcome: 'skipped', transport: 'amqp', message: 'transport amqp not supported' }),
    result({ checkId: 'device.waived', outcome: 'failed', message: 'known bug', waived: { reason: 'tracked in #12', expires: '2099-01-01' } }),
  ];
}
