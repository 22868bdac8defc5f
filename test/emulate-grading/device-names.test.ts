import assert from 'node:assert/strict';
import type { TranscriptEntry } from '../../src/emulator/index.js';
import { nameDevice, parseAgent, parseUserName, UNNAMED_DEVICE } from '../../suites/emulate-grading/device-names.js';

let seq = 0;
function entry(frontEnd: TranscriptEntry['frontEnd'], wire: NonNullable<TranscriptEntry['request']['wire']>): TranscriptEntry {
  seq += 1;
  return { seq, at: new Date().toISOString(), frontEnd, kind: 'register', registrationId: 'dev-1', request: { wire } };
}

// what the Azure IoT C SDK sends on each transport (provisioning_client/src/prov_transport_*.c)
const cSdkHttp = entry('https', { method: 'PUT', path: '/0ne0/registrations/dev-1/register?api-version=2021-06-01', headers: { useragent: 'prov_device_client/1.0' } });
const cSdkMqtt = entry('mqtt', { packet: 'connect', clientId: 'dev-1', username: '0ne0/registrations/dev-1/api-version=2021-06-01&ClientVersion=1.15.0' });
const cSdkAmqp = entry('amqp', { amqp: 'transfer', operationType: 'iotdps-register', apiVersion: '2021-06-01' });
const nodeAmqp = entry('amqp', { amqp: 'transfer', operationType: 'iotdps-register', clientVersion: 'azure-iot-provisioning-device/1.9.1 (node v20; linux)' });

describe('emulate: one implementation name per device', () => {
  it('reads name and version from a product token, and a bare version as no name', () => {
    assert.deepEqual(parseAgent('azure-iot-provisioning-device/1.9.1 (node v20.19.0; linux)'), { name: 'azure-iot-provisioning-device', version: '1.9.1' });
    assert.deepEqual(parseAgent('prov_device_client/1.0'), { name: 'prov_device_client', version: '1.0' });
    assert.deepEqual(parseAgent('1.15.0'), { version: '1.15.0' });
    assert.deepEqual(parseAgent('my firmware'), { name: 'my firmware' });
    assert.deepEqual(parseUserName('contoso-fw/2.1'), { name: 'contoso-fw', version: '2.1' });
    assert.deepEqual(parseUserName('contoso-fw'), { name: 'contoso-fw' });
  });

  it('names the C SDK once over HTTPS (UserAgent), MQTT (a bare ClientVersion) and AMQP (nothing)', () => {
    const named = nameDevice('dev-1', [cSdkMqtt, cSdkAmqp, cSdkHttp], {});
    assert.deepEqual(named.implementation, { name: 'prov_device_client', version: '1.0' });
    assert.equal(named.namedBy, 'device');
    assert.deepEqual(named.said, [
      { agent: '1.15.0', where: 'ClientVersion' },
      { agent: 'prov_device_client/1.0', where: 'UserAgent' },
    ]);
  });

  it('keeps a bare version when nothing names the device, reads the AMQP client-version, and lets the user name it', () => {
    assert.deepEqual(nameDevice('dev-1', [cSdkMqtt, cSdkAmqp], {}).implementation, { name: UNNAMED_DEVICE, version: '1.15.0' });
    assert.deepEqual(nameDevice('dev-1', [nodeAmqp], {}).implementation, { name: 'azure-iot-provisioning-device', version: '1.9.1' });
    assert.deepEqual(nameDevice('dev-1', [nodeAmqp], { all: 'ours/3' }), { registrationId: 'dev-1', implementation: { name: 'ours', version: '3' }, namedBy: '--implementation', said: [{ agent: 'azure-iot-provisioning-device/1.9.1 (node v20; linux)', where: 'com.microsoft:client-version' }] });
    // per registration ID (without case) wins over --implementation
    assert.equal(nameDevice('dev-1', [nodeAmqp], { all: 'ours/3', byRegistrationId: { 'DEV-1': 'theirs' } }).implementation.name, 'theirs');
    assert.equal(nameDevice('dev-1', [nodeAmqp], { all: 'ours/3', byRegistrationId: { 'dev-2': 'theirs' } }).implementation.name, 'ours');
  });
});
