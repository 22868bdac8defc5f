import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { registerDevice } from '../../implementations/reference-device/register-device.js';
import type { DeviceOutcome } from '../../implementations/reference-device/device-types.js';
import { deviceEndpointOf } from '../emulator/helpers/device.js';

/** Silent connections per port, as the adversarial pass used. */
const SILENT_PER_PORT = 500;
/** Short for the test; the defaults are 20 s and 30 s (src/emulator/connection-timeouts.ts). */
const TIMEOUTS = { handshakeMs: 1_500, firstRequestMs: 2_000 };
/** How long the emulator gets to free everything: generous, since the machine may be loaded; polled, not slept. */
const SETTLE_DEADLINE_MS = 45_000;

/** TCP states in /proc/net/tcp: listening, and TIME_WAIT (the kernel's, after this side closed first: no socket held). */
const LISTEN = '0A';
const TIME_WAIT = '06';

/**
 * The sockets the emulator holds on its ports, by TCP state (from /proc/net/tcp and tcp6: the local
 * port is the emulator's, so these are its ends, not the test's clients). Left out: listeners, and
 * connections the emulator has already closed (TIME_WAIT, or any state whose socket no process owns).
 */
function heldSockets(ports: readonly number[]): Record<string, number> {
  const wanted = new Set(ports.map((p) => `:${p.toString(16).toUpperCase().padStart(4, '0')}`));
  const held: Record<string, number> = {};
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const state = fields[3];
      // inode 0: a socket no process holds any more (the kernel finishing a close, e.g. FIN_WAIT2)
      const inode = fields[9];
      if (local === undefined || state === undefined || state === LISTEN || state === TIME_WAIT || inode === '0') continue;
      if (wanted.has(local.slice(local.lastIndexOf(':')))) held[state] = (held[state] ?? 0) + 1;
    }
  }
  return held;
}

const total = (held: Record<string, number>): number => Object.values(held).reduce((a, b) => a + b, 0);

/** Waits until the emulator holds no more than `baseline` sockets on its ports; returns what it held last. */
async function settles(ports: readonly number[], baseline: number): Promise<Record<string, number>> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  let held = heldSockets(ports);
  while (total(held) > baseline && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    held = heldSockets(ports);
  }
  return held;
}

/** Opens `count` connections to `port` that never send a byte (50 at a time); each resolves once connected or failed. */
async function silentTcp(port: number, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () =>
      new Promise<Socket>((resolve) => {
        const socket = tcpConnect(port, '127.0.0.1', () => resolve(socket));
        socket.on('error', () => resolve(socket));
      }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** Opens `count` connections that finish TLS and then say nothing. */
async function silentTls(port: number, caPem: string, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, () =>
      new Promise<Socket>((resolve) => {
        const socket = tlsConnect({ port, host: '127.0.0.1', servername: 'localhost', ca: caPem }, () => resolve(socket));
        socket.on('error', () => resolve(socket));
      }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** One registration through the reference device over a transport, as a device that arrives meanwhile. */
function registerOver(emulator: RunningEmulator, transport: 'https' | 'mqtt' | 'mqtt-ws' | 'amqp' | 'amqp-ws', id: string): Promise<DeviceOutcome> {
  return registerDevice({
    transport,
    dialect: 'ga',
    ...deviceEndpointOf(emulator),
    registrationId: id,
    deviceKey: emulator.deriveDeviceKey(id),
    data: { modelId: 'dtmi:com:example:Thermostat;1' },
    deadline: Date.now() + 60_000,
  });
}

async function registersEverywhere(emulator: RunningEmulator, round: string): Promise<void> {
  const transports = ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws'] as const;
  const outcomes = await Promise.all(transports.map((t) => registerOver(emulator, t, `soak-${round}-${t}`)));
  outcomes.forEach((outcome, i) => {
    assert.ok('result' in outcome && outcome.result['status'] === 'assigned', `${transports[i] ?? ''} in ${round}: ${JSON.stringify(outcome)}`);
  });
}

/**
 * The silent-connection soak: 500 connections on each port (HTTPS, MQTT, AMQP) that never start TLS,
 * then connections that finish TLS and say nothing, over TLS and after a WebSocket upgrade. Throughout,
 * devices register over every transport; when the peers leave (or are timed out while they stay),
 * the emulator's sockets on its ports return to what they were. Nothing here is a timing: every wait
 * polls for the state it needs, under a generous deadline.
 */
describe('silent connections on every listener', function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let ports: number[];
  let baseline: number;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0, connectionTimeouts: TIMEOUTS });
    ports = [emulator.httpsPort, emulator.mqttPort, emulator.amqpPort];
    baseline = total(heldSockets(ports));
  });
  after(() => emulator.close());

  it(`${SILENT_PER_PORT} connections per port that never start TLS: devices register meanwhile, and when the peers leave nothing is held`, async () => {
    const silent = (await Promise.all(ports.map((port) => silentTcp(port, SILENT_PER_PORT)))).flat();
    assert.ok(total(heldSockets(ports)) > baseline, 'the silent connections were accepted');
    await registersEverywhere(emulator, 'tcp');
    // half leave politely (FIN), half abruptly (RST)
    silent.forEach((socket, i) => (i % 2 === 0 ? socket.end() : socket.destroy()));
    const held = await settles(ports, baseline);
    assert.equal(total(held), baseline, `still held after the peers left: ${JSON.stringify(held)} (08 is CLOSE-WAIT)`);
    await registersEverywhere(emulator, 'after-tcp');
  });

  it(`${SILENT_PER_PORT} connections per port that never start TLS and never leave: the emulator ends them itself`, async () => {
    const silent = (await Promise.all(ports.map((port) => silentTcp(port, SILENT_PER_PORT)))).flat();
    const closedByEmulator = silent.map((socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.resume().once('close', () => resolve()))));
    const held = await settles(ports, baseline);
    assert.equal(total(held), baseline, `still held with the peers silent: ${JSON.stringify(held)}`);
    await Promise.all(closedByEmulator);
    await registersEverywhere(emulator, 'after-handshake-timeout');
  });

  it('connections that finish TLS (or a WebSocket upgrade) and say nothing are ended too', async () => {
    const perPort = 50;
    const silent = (await Promise.all(ports.map((port) => silentTls(port, emulator.caPem, perPort)))).flat();
    const upgraded = await Promise.all(
      ['mqtt', 'AMQPWSB10'].map(
        (protocol) =>
          new Promise<Socket>((resolve) => {
            const socket = tlsConnect({ port: emulator.httpsPort, host: '127.0.0.1', servername: 'localhost', ca: emulator.caPem }, () => {
              socket.write(`GET /$iothub/websocket HTTP/1.1\r\nhost: localhost\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\nsec-websocket-protocol: ${protocol}\r\n\r\n`);
              resolve(socket);
            });
            socket.on('error', () => resolve(socket));
          }),
      ),
    );
    // read what comes (the 101 of an upgrade): a paused socket would never see the end the emulator sends
    const closed = [...silent, ...upgraded].map((socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.resume().once('close', () => resolve()))));
    await registersEverywhere(emulator, 'tls');
    const held = await settles(ports, baseline);
    assert.equal(total(held), baseline, `still held with TLS done and nothing said: ${JSON.stringify(held)}`);
    await Promise.all(closed);
  });
});
