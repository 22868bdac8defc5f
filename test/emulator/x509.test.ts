import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { startEmulator, webhookAllocator, type RunningEmulator } from '../../src/emulator/index.js';
import { registerDevice } from '../../implementations/reference-device/register-device.js';
import type { DeviceOutcome, DeviceRegistration, DeviceTransportName } from '../../implementations/reference-device/device-types.js';
import { generateDeviceCa } from '../../src/emulator/x509/device-ca.js';
import { deviceEndpointOf } from './helpers/device.js';

const TRANSPORTS: DeviceTransportName[] = ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws'];

function register(emulator: RunningEmulator, transport: DeviceTransportName, registrationId: string, x509: DeviceRegistration['x509']): Promise<DeviceOutcome> {
  return registerDevice({
    transport,
    dialect: 'ga',
    ...deviceEndpointOf(emulator),
    registrationId,
    deviceKey: '',
    ...(x509 ? { x509 } : {}),
    data: { a: 1 },
    deadline: Date.now() + 6_000,
  });
}

function refusal(emulator: RunningEmulator, registrationId: string): string | undefined {
  return emulator.transcript.entries().filter((e) => e.registrationId === registrationId && e.notes?.auth?.ok === false).at(-1)?.notes?.auth?.reason;
}

describe('emulator X.509 attestation', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let webhook: Server;
  const received: Record<string, unknown>[] = [];
  before(async () => {
    webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString('utf8')));
      request.on('end', () => {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        received.push(parsed);
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ iotHubHostName: 'dpsc-hub-1.azure-devices.net', payload: { ok: true } }));
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const port = (webhook.address() as { port: number }).port;
    emulator = await startEmulator({ retryAfterSeconds: 0, x509: true, allocator: webhookAllocator({ url: `http://127.0.0.1:${port}/api/allocate` }) });
  });
  after(async () => {
    await emulator.close();
    await new Promise<void>((resolve) => webhook.close(() => resolve()));
  });

  for (const transport of TRANSPORTS) {
    it(`registers over ${transport} with a group certificate and with an individually enrolled one`, async () => {
      for (const enrollment of ['group', 'individual'] as const) {
        const id = `x509-${transport}-${enrollment}`;
        const certificate = await emulator.issueDeviceCertificate(id, { enrollment });
        const outcome = await register(emulator, transport, id, certificate);
        assert.ok('result' in outcome, `${id}: ${JSON.stringify(outcome)}`);
        assert.equal(outcome.result.status, 'assigned');
        const call = received.find((r) => (r['deviceRuntimeContext'] as Record<string, unknown>)['registrationId'] === id);
        const context = call?.['deviceRuntimeContext'] as { x509?: { clientCertificate?: string } } | undefined;
        assert.equal(context?.x509?.clientCertificate, new X509Certificate(certificate.certPem).raw.toString('base64'), `${id}: the webhook got the device's certificate`);
        const record = (call?.['individualEnrollment'] ?? call?.['enrollmentGroup']) as { attestation?: { type?: string } } | undefined;
        assert.equal(record?.attestation?.type, 'x509');
      }
    });
  }

  it('refuses an expired certificate, one whose CN is not the registration ID, one from a foreign CA, and none at all', async () => {
    const expired = await emulator.issueDeviceCertificate('x509-expired', { days: -2 });
    const wrongCn = await emulator.issueDeviceCertificate('x509-cn', { commonName: 'someone-else' });
    const foreign = await (await generateDeviceCa('a CA nobody enrolled')).issue('x509-foreign');
    for (const transport of ['https', 'mqtt', 'amqp'] as const) {
      for (const [id, certificate, reason] of [
        ['x509-expired', expired, /not valid now/],
        ['x509-cn', wrongCn, /CN "someone-else" is not the registration ID/],
        ['x509-foreign', foreign, /no enrollment group CA issued this certificate/],
      ] as const) {
        const outcome = await register(emulator, transport, id, certificate);
        assert.ok('error' in outcome, `${transport} ${id} was accepted`);
        assert.equal(outcome.error.statusCode, 401, `${transport} ${id}: ${outcome.error.message}`);
        assert.match(refusal(emulator, id) ?? '', reason);
      }
    }
    // a device with neither a key nor a certificate
    const none = await register(emulator, 'https', 'x509-none', undefined);
    assert.ok('error' in none);
    assert.equal(none.error.statusCode, 401);
  });
});
