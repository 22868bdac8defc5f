import assert from 'node:assert/strict';
import { REDACTED, SecretRedactor } from '../../src/results/secret-redactor.js';
import { Transcript } from '../../src/emulator/transcript/transcript.js';
import { startEmulator } from '../../src/emulator/index.js';
import { API, sasFor } from './helpers/device.js';
import { httpsCall } from './helpers/https-call.js';

const entry = (registrationId: string, bodyText?: string) =>
  ({ at: '2020-01-01T00:00:00.0000000Z', frontEnd: 'https', kind: 'register', registrationId, request: bodyText === undefined ? {} : { bodyText } }) as const;

describe('emulator transcript', () => {
  it('keeps the latest entries up to the cap, in order, and counts the dropped ones', () => {
    const transcript = new Transcript(new SecretRedactor(), 3);
    for (let i = 1; i <= 7; i += 1) transcript.record(entry(`dev-${i}`));
    assert.deepEqual(transcript.entries().map((e) => [e.seq, e.registrationId]), [[5, 'dev-5'], [6, 'dev-6'], [7, 'dev-7']]);
    assert.equal(transcript.dropped, 4);
    assert.deepEqual(transcript.forRegistration('DEV-6').map((e) => e.seq), [6]);
  });

  it('redacts when read, also secrets the redactor learned after the entry was recorded', () => {
    const redactor = new SecretRedactor();
    const transcript = new Transcript(redactor);
    const key = 'bGF0ZS1sZWFybmVkLWRldmljZS1rZXk=';
    transcript.record({ ...entry('dev-1', `{"payload":{"k":"${key}","t":"?sig=abc123"}}`), request: { bodyText: `{"payload":{"k":"${key}","t":"?sig=abc123"}}`, wire: { method: 'PUT', path: '/x', headers: { authorization: 'SharedAccessSignature sr=a&sig=b&se=1&skn=registration' } } } });
    redactor.add(key);
    const [read] = transcript.entries();
    const text = JSON.stringify(read);
    assert.ok(!text.includes(key), text);
    assert.ok(!text.includes('abc123'), text);
    assert.ok(!text.includes('sig=b'), text);
    assert.equal(read?.request.bodyText, `{"payload":{"k":"${REDACTED}","t":"?sig=${REDACTED}"}}`);
    assert.deepEqual(read?.request.body, { payload: { k: REDACTED, t: `?sig=${REDACTED}` } }, 'the parsed body is made from bodyText on read');
  });

  it('no device key, group key or SAS in what an emulator transcript gives out, bodies included', async () => {
    const emulator = await startEmulator({ retryAfterSeconds: 0 });
    try {
      const registrationId = 'transcript-secret';
      const sas = sasFor(emulator, registrationId);
      const key = emulator.deriveDeviceKey(registrationId);
      // a careless device that puts its key and its SAS into the payload
      const body = JSON.stringify({ registrationId, payload: { key, sas, group: emulator.groupKey } });
      const answer = await httpsCall(emulator, { method: 'PUT', path: `/${emulator.idScope}/registrations/${registrationId}/register?${API}`, body, headers: { authorization: sas } });
      assert.equal(answer.status, 202);
      await new Promise((r) => setTimeout(r, 20));
      const text = JSON.stringify([emulator.transcript.entries(), emulator.observations()]);
      const signature = decodeURIComponent(sas.split('sig=')[1]!.split('&')[0]!);
      for (const secret of [key, emulator.groupKey!, signature, encodeURIComponent(signature)]) assert.ok(!text.includes(secret), `leaked ${secret.slice(0, 6)}...`);
    } finally {
      await emulator.close();
    }
  });
});
