import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { generateEmulatorTls, type EmulatorTls } from '../../src/emulator/tls/emulator-tls.js';
import { BUNDLED_IMPLEMENTATIONS } from '../../src/targets/index.js';
import { installedSdkOrSkip } from '../helpers/installed-sdk.js';
import { remainingLength } from '../helpers/mqtt-remaining-length.js';

/** The answer's timing toward the SDK: once the whole register PUBLISH is read, or while the SDK is still writing it. */
type Timing = 'after-publish' | 'during-publish';

const ANSWER_TOPIC = '$dps/registrations/res/400/?$rid=1';
const ANSWER_BODY = JSON.stringify({ errorCode: 400012, trackingId: 't', message: 'payload must be a JSON object.', timestampUtc: '2026-01-01T00:00:00Z' });
/** far more than loopback's socket buffers take (4 MiB send + the receive window), so the SDK's write of it blocks while the broker reads nothing */
const BIG_DATA = { blob: 'x'.repeat(12 * 1024 * 1024) };
/** the test's own loopback addresses, all in the one server certificate */
const CANDIDATE_HOSTS = Array.from({ length: 55 }, (_, i) => `127.0.0.${200 + i}`);

function answerPacket(): Buffer {
  const topic = Buffer.from(ANSWER_TOPIC, 'utf8');
  const body = Buffer.from(ANSWER_BODY, 'utf8');
  const variable = Buffer.concat([Buffer.from([topic.length >> 8, topic.length & 0xff]), topic, body]);
  return Buffer.concat([Buffer.from([0x30]), remainingLength(variable.length), variable]); // PUBLISH, QoS 0
}

/**
 * A minimal DPS-like MQTT broker for one device: CONNACK, SUBACK, and one 400 answer to the register
 * PUBLISH, timed as asked. `during-publish` stops reading once the PUBLISH has begun, answers while the
 * SDK's sender thread is blocked writing the rest, then reads on: the order (answer before the SDK's
 * publish completes) a fast service produces by chance, made certain.
 */
function miniBroker(tls: EmulatorTls, timing: Timing): { server: Server; publishes: () => number } {
  let publishes = 0;
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (socket: TLSSocket) => {
    let pending = Buffer.alloc(0);
    let skip = 0;
    let answered = false;
    const answer = (): void => {
      if (answered) return;
      answered = true;
      socket.write(answerPacket());
    };
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length > 0) {
        if (skip > 0) {
          const take = Math.min(skip, pending.length);
          skip -= take;
          pending = pending.subarray(take);
          // a network's worth of delay, as from DPS: an answer at once could itself fall in the SDK's window
          if (skip === 0 && timing === 'after-publish') setTimeout(answer, 200);
          continue;
        }
        let length = 0;
        let multiplier = 1;
        let i = 1;
        for (; i < pending.length && i <= 4; i++) {
          length += (pending[i]! & 0x7f) * multiplier;
          multiplier *= 128;
          if ((pending[i]! & 0x80) === 0) break;
        }
        if (i >= pending.length) return; // the remaining length is not all here yet
        const type = pending[0]! >> 4;
        const headerBytes = i + 1;
        if (type === 3) {
          publishes += 1;
          skip = length;
          pending = pending.subarray(headerBytes);
          if (timing === 'during-publish') {
            socket.pause();
            setTimeout(answer, 300);
            setTimeout(() => socket.resume(), 1_300);
          }
          continue;
        }
        if (pending.length < headerBytes + length) return;
        const body = pending.subarray(headerBytes, headerBytes + length);
        pending = pending.subarray(headerBytes + length);
        if (type === 1) socket.write(Buffer.from([0x20, 0x02, 0x00, 0x00])); // CONNACK accepted
        if (type === 8) socket.write(Buffer.from([0x90, 0x03, body[0]!, body[1]!, 0x01])); // SUBACK QoS 1
        if (type === 12) socket.write(Buffer.from([0xd0, 0x00])); // PINGRESP
      }
    });
  });
  return { server, publishes: () => publishes };
}

/** Listens at 8883 (the SDK has no port option) on a loopback address of the test's own, moving on when one is taken. */
async function listenAt8883(server: Server): Promise<string> {
  for (const host of CANDIDATE_HOSTS) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(8883, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return host;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error('no loopback address from 127.0.0.200 has port 8883 free');
}

interface RegisterReply {
  error?: { message?: string; adapterDeadline?: boolean };
  result?: unknown;
  /** the adapter's stderr (for failure messages) */
  stderr?: string;
}

/** One register request through the Java adapter (adapter protocol v1) against the broker at `host`. */
async function registerThroughAdapter(jar: string, host: string, caPem: string, timeoutMs: number): Promise<RegisterReply> {
  const child = spawn('java', ['-XX:+UseSerialGC', '-Xmx384m', '-jar', jar], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  try {
    const lines = createInterface({ input: child.stdout });
    const replies = lines[Symbol.asyncIterator]();
    child.stdin.write(`${JSON.stringify({ seq: 1, cmd: 'start', version: 1 })}\n`);
    await replies.next();
    const request = {
      cmd: 'register', seq: 2, dialect: 'ga', transport: 'mqtt', timeoutMs,
      endpoint: { host, httpsPort: 443, mqttPort: 8883, amqpPort: 5671, caPem },
      idScope: '0ne00000001', registrationId: 'dpsc-java-deadlock',
      attestation: { type: 'symmetricKey', key: Buffer.alloc(32, 7).toString('base64') },
      data: BIG_DATA,
    };
    child.stdin.write(`${JSON.stringify(request)}\n`);
    const line = await replies.next();
    assert.equal(line.done, false, `the adapter closed stdout without a reply: ${stderr}`);
    return { ...(JSON.parse(String(line.value)) as RegisterReply), stderr };
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * The Java SDK's MQTT deadlock (implementations/azure-iot-java-sdk/README.md, "The MQTT hang"), shown
 * with the real SDK and a wire-level broker: the same 400 answer is handed over when it arrives after
 * the register PUBLISH, and never when it arrives while the SDK's publish is still under way; the
 * adapter then names the deadlock. Skipped with a note when java / mvn are missing (a failure under CI=true).
 */
describe('azure-iot-java-sdk over MQTT: an answer that arrives during the SDK\'s publish', function () {
  this.timeout(300_000);
  const implementation = BUNDLED_IMPLEMENTATIONS.find((i) => i.name === 'azure-iot-java-sdk')!;
  let jar = '';
  let tls: EmulatorTls;

  before(async function () {
    const { dir } = await installedSdkOrSkip(this, implementation);
    assert.ok(dir, 'the Java SDK installs into a directory');
    jar = join(dir, 'azure-iot-java-sdk-adapter.jar');
    tls = await generateEmulatorTls(CANDIDATE_HOSTS);
  });

  for (const timing of ['after-publish', 'during-publish'] as const) {
    it(timing === 'after-publish'
      ? 'after the PUBLISH: the SDK hands the 400 to the registration callback'
      : 'during the PUBLISH: the callback never runs, and the adapter reports the SDK\'s deadlock', async () => {
      const { server, publishes } = miniBroker(tls, timing);
      try {
        const host = await listenAt8883(server);
        // the adapter waits for the callback until its deadline: after the PUBLISH the callback ends the
        // wait as soon as it runs, so a long deadline costs nothing unless the machine is slow (a cold JVM
        // writing 12 MiB under load took more than 8 s); during it the deadlock lasts the whole deadline,
        // which must leave a loaded machine the time to reach the PUBLISH at all
        const reply = await registerThroughAdapter(jar, host, tls.caPem, timing === 'after-publish' ? 120_000 : 30_000);
        assert.equal(publishes(), 1, 'the SDK published its register request once');
        if (timing === 'after-publish') {
          assert.equal(reply.error?.adapterDeadline, undefined, JSON.stringify(reply));
          assert.match(reply.error?.message ?? '', /Service error: 400012/, JSON.stringify(reply));
        } else {
          assert.equal(reply.error?.adapterDeadline, true, JSON.stringify(reply));
          assert.match(reply.error?.message ?? '', /the SDK deadlocked: paho's callback thread \(MQTT Call: dpsc-java-deadlock\)/);
          assert.match(reply.error?.message ?? '', /MqttConnection\.publishMessage/);
        }
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  }
});
