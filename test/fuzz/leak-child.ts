/**
 * Child process of leak.integration.test.ts, run as `node --expose-gc leak-child.js`: starts one emulator, sends it
 * 2,000 hostile inputs to warm up (the transcript, capped at 1,000 entries here, is full by then), takes
 * heapUsed after forced GC, sends 10,000 more, takes it again, checks a valid registration still works,
 * and prints one JSON line with the numbers. The inputs come from a fixed fast-check seed.
 */
import { Agent, request } from 'node:https';
import { connect } from 'node:tls';
import fc from 'fast-check';
import { deriveDeviceKey, MAX_MESSAGE_BYTES, signSasToken, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

type Input =
  | { kind: 'https'; method: string; path: string; body: string | number; authorization?: string }
  | { kind: 'mqtt-connect'; username: string; password: string };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('run with --expose-gc\n');
  process.exit(2);
}

function inputs(emulator: RunningEmulator, count: number, seed: number): Input[] {
  const api = 'api-version=2019-03-31';
  const id = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
  const now = Math.floor(Date.now() / 1000);
  // derived here, not with emulator.deriveDeviceKey, which also registers each key with the redactor
  const groupKey = emulator.groupKey ?? '';
  const sas = (registrationId: string, expiry = now + 3600): string =>
    signSasToken({ idScope: emulator.idScope, registrationId, key: deriveDeviceKey(groupKey, registrationId), expiry });
  const input: fc.Arbitrary<Input> = fc.oneof(
    // malformed JSON and wrong types, authorised
    id.chain((rid) => fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify({ registrationId: rid, payload: v, extra: v }))).map((body) => ({ kind: 'https' as const, method: 'PUT', path: `/${emulator.idScope}/registrations/${rid}/register?${api}`, body, authorization: sas(rid) }))),
    // bodies over the limit (sent as a size; the child allocates them)
    fc.integer({ min: MAX_MESSAGE_BYTES + 1, max: MAX_MESSAGE_BYTES * 2 }).map((size) => ({ kind: 'https' as const, method: 'PUT', path: `/${emulator.idScope}/registrations/big/register?${api}`, body: size, authorization: sas('big') })),
    // invalid registration IDs
    fc.string({ maxLength: 140 }).map((rid) => ({ kind: 'https' as const, method: 'PUT', path: `/${emulator.idScope}/registrations/${encodeURIComponent(rid)}/register?${api}`, body: '{}', authorization: sas('x') })),
    // bad, expired and foreign SAS tokens
    id.chain((rid) => fc.oneof(fc.string({ maxLength: 100 }).map((t) => t.replace(/[^\x20-\x7e]/g, '')), fc.constant(sas(rid, now - 10)), fc.constant(sas(`${rid}-other`))).map((authorization) => ({ kind: 'https' as const, method: 'PUT', path: `/${emulator.idScope}/registrations/${rid}/register?${api}`, body: '{}', authorization }))),
    // unknown paths, methods, missing api-version, unknown operations
    fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), fc.array(fc.stringMatching(/^[A-Za-z0-9._-]{1,10}$/), { maxLength: 5 })).map(([method, parts]) => ({ kind: 'https' as const, method, path: `/${parts.join('/')}`, body: '{}' })),
    id.map((rid) => ({ kind: 'https' as const, method: 'GET', path: `/${emulator.idScope}/registrations/${rid}/operations/1.0.nope?${api}`, body: '', authorization: sas(rid) })),
    // MQTT CONNECT with bad credentials (a fresh TLS connection each)
    fc.tuple(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 })).map(([username, password]) => ({ kind: 'mqtt-connect' as const, username, password })),
  );
  return fc.sample(input, { seed, numRuns: count });
}

function httpsInput(emulator: RunningEmulator, agent: Agent, input: Extract<Input, { kind: 'https' }>): Promise<number> {
  return new Promise((resolve) => {
    const body = typeof input.body === 'number' ? Buffer.alloc(input.body, 0x78) : Buffer.from(input.body);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(body.length) };
    if (input.authorization) headers['authorization'] = input.authorization;
    const req = request({ host: '127.0.0.1', port: emulator.httpsPort, servername: 'localhost', ca: emulator.caPem, method: input.method, path: input.path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(-1));
    });
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

function mqttConnect(emulator: RunningEmulator, input: Extract<Input, { kind: 'mqtt-connect' }>): Promise<number> {
  const str = (s: string): Buffer => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const rest = Buffer.concat([str('MQTT'), Buffer.from([4, 0xc2, 0, 60]), str('leak'), str(input.username), str(input.password)]);
  const packet = Buffer.concat([Buffer.from([0x10, rest.length]), rest]);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: emulator.mqttPort, servername: 'localhost', ca: emulator.caPem }, () => socket.write(packet));
    let code = -1;
    socket.on('data', (c: Buffer) => (code = c[3] ?? -1));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => socket.destroy(), 3_000);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function send(emulator: RunningEmulator, agent: Agent, list: Input[], statuses: Map<number, number>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const input = list[next++] as Input;
      const status = input.kind === 'https' ? await httpsInput(emulator, agent, input) : await mqttConnect(emulator, input);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 16 }, () => worker()));
}

function heapMb(): number {
  for (let i = 0; i < 4; i += 1) gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const emulator = await startEmulator({ httpsPort: 0, mqttPort: 0, retryAfterSeconds: 0, transcriptCap: 1_000 });
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const statuses = new Map<number, number>();
try {
  await send(emulator, agent, inputs(emulator, 2_000, 7), new Map());
  await new Promise((resolve) => setTimeout(resolve, 200));
  const before = heapMb();
  const list = inputs(emulator, 10_000, 42);
  await send(emulator, agent, list, statuses);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = heapMb();
  // a valid registration afterwards, over HTTPS
  const rid = 'leak-survivor';
  const sas = signSasToken({ idScope: emulator.idScope, registrationId: rid, key: emulator.deriveDeviceKey(rid), expiry: Math.floor(Date.now() / 1000) + 600 });
  const registered = await httpsInput(emulator, agent, { kind: 'https', method: 'PUT', path: `/${emulator.idScope}/registrations/${rid}/register?api-version=2019-03-31`, body: JSON.stringify({ registrationId: rid }), authorization: sas });
  process.stdout.write(`${JSON.stringify({ inputs: list.length, heapBeforeMb: before, heapAfterMb: after, growthMb: after - before, statuses: Object.fromEntries(statuses), validRegistrationStatus: registered })}\n`);
} finally {
  agent.destroy();
  await emulator.close();
}
