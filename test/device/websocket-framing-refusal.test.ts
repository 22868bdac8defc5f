import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { DeviceTransport } from '../../src/adapters/protocol-types.js';
import { gateCheck } from '../../suites/device/causal-gate.js';
import { DEVICE_CHECKS } from '../../suites/device/device-checks.js';
import { readObserved } from '../../suites/device/evidence/registration-evidence.js';
import { describeRefusal, ownedRefusals } from '../../suites/device/refusal-owner.js';
import { openAmqp } from '../emulator/helpers/amqp-device.js';
import { headerInsidePayload } from '../emulator/helpers/broken-websocket-framing.js';

async function evidenceOnceClosed(emulator: RunningEmulator, registrationId: string, transport: DeviceTransport): Promise<ReturnType<typeof readObserved>> {
  const deadline = Date.now() + 10_000;
  while (!emulator.transcript.forRegistration(registrationId).some((e) => e.kind === 'closed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return readObserved({ transport, dialect: 'ga', registrationId, entries: emulator.transcript.forRegistration(registrationId), command: { idScope: emulator.idScope } });
}

// The Java SDK's AMQP over WebSocket writes a frame header inside another frame's payload when it
// sends 16 KiB or more at once (implementations/azure-iot-java-sdk/README.md). The verdict must name
// that, not "the emulator received no register request" as if the device had hung up.
describe('device verdicts: framing that is not WebSocket is the device protocol check\'s refusal', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('amqp-ws: device.amqp.protocol owns it and names it; the register checks are not reached', async () => {
    const id = 'framing-owner-amqp-ws';
    const device = await openAmqp(emulator, id, { overWebSocket: true });
    if ('refused' in device) throw new Error(device.refused);
    device.writeUnderWebSocket(headerInsidePayload(Buffer.from([0x00, 0x00, 0x75, 0x30, 0x02, 0x00, 0x00, 0x00])));
    const e = await evidenceOnceClosed(emulator, id, 'amqp-ws');
    const [refusal, ...more] = ownedRefusals(e);
    assert.equal(more.length, 0);
    assert.equal(refusal?.owner, DEVICE_CHECKS.amqpProtocol);
    assert.equal(
      refusal && describeRefusal(refusal),
      "DPS refused the request by ending the connection: the device's bytes are not valid WebSocket framing, for which RFC 6455 section 5.2 has the server fail the connection (Invalid WebSocket frame: RSV2 and RSV3 must be clear (WS_ERR_UNEXPECTED_RSV_2_3))",
    );
    const caseChecks = [DEVICE_CHECKS.requestPath, DEVICE_CHECKS.amqpProtocol, DEVICE_CHECKS.requestBody, DEVICE_CHECKS.pollingTerminal];
    assert.equal(gateCheck(DEVICE_CHECKS.amqpProtocol, e, { caseChecks }), undefined, 'the owner is judged');
    for (const check of [DEVICE_CHECKS.requestPath, DEVICE_CHECKS.requestBody, DEVICE_CHECKS.pollingTerminal]) {
      const gate = gateCheck(check, e, { caseChecks });
      assert.equal(gate?.kind, 'not-reached', check.id);
      assert.equal(gate.kind === 'not-reached' ? gate.error.blockedBy : undefined, DEVICE_CHECKS.amqpProtocol.id);
    }
  });
});
