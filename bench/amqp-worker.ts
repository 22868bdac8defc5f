import { createHmac } from 'node:crypto';
import { connect as tlsConnect } from 'node:tls';
import { parentPort, workerData } from 'node:worker_threads';
import rhea from 'rhea';
import type { EventContext, Receiver, Sender } from 'rhea';

/** What the AMQP throughput worker is asked to do (one closed-loop device per connection). */
export interface AmqpJob {
  port: number;
  caPem: string;
  idScope: string;
  groupKey: string;
  devices: number;
  warmupMs: number;
  measureMs: number;
  prefix: string;
}

export interface AmqpResult {
  registrations: number;
  windowMs: number;
  errors: number;
}

function sas(idScope: string, registrationId: string, groupKey: string): string {
  const key = createHmac('sha256', Buffer.from(groupKey, 'base64')).update(registrationId).digest();
  const resource = encodeURIComponent(`${idScope}/registrations/${registrationId}`);
  const expiry = Math.floor(Date.now() / 1000) + 3600;
  const sig = createHmac('sha256', key).update(`${resource}\n${expiry}`).digest('base64');
  return `SharedAccessSignature sr=${resource}&sig=${encodeURIComponent(sig)}&se=${expiry}&skn=registration`;
}

/** One device: connect once, then register and poll to `assigned` in a loop until `until`. */
async function device(job: AmqpJob, index: number, until: () => number, count: (ok: boolean) => void): Promise<void> {
  const registrationId = `${job.prefix}-${index}`;
  const address = `${job.idScope}/registrations/${registrationId}`;
  const container = rhea.create_container();
  for (const event of ['error', 'disconnected', 'connection_error']) container.on(event, () => undefined);
  const connection = container.connect({
    host: '127.0.0.1',
    port: job.port,
    username: address,
    password: sas(job.idScope, registrationId, job.groupKey),
    reconnect: false,
    connection_details: () => ({ host: '127.0.0.1', port: job.port, connect: (port: number, host: string, _o: unknown, cb: () => void) => tlsConnect({ host, port, ca: job.caPem, servername: 'localhost' }, cb) }),
  });
  const properties = { 'com.microsoft:api-version': '2019-03-31' };
  const receiver: Receiver = connection.open_receiver({ source: { address }, properties });
  const sender: Sender = connection.open_sender({ target: { address }, properties });
  await new Promise<void>((resolve) => sender.once('sendable', () => resolve()));
  const waiting = new Map<string, (json: Record<string, unknown>) => void>();
  receiver.on('message', (context: EventContext) => {
    const message = context.message;
    if (!message) return;
    const body = message.body as { content?: Buffer };
    waiting.get(String(message.correlation_id))?.(JSON.parse(body.content?.toString('utf8') ?? '{}') as Record<string, unknown>);
  });
  let n = 0;
  const exchange = (props: Record<string, string>, text: string): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      const id = String((n += 1));
      waiting.set(id, (json) => {
        waiting.delete(id);
        resolve(json);
      });
      sender.send({ correlation_id: id, application_properties: props, body: rhea.message.data_section(Buffer.from(text)) as unknown });
    });
  const body = JSON.stringify({ registrationId });
  while (Date.now() < until()) {
    const first = await exchange({ 'iotdps-operation-type': 'iotdps-register' }, body);
    let answer = first;
    for (let i = 0; i < 10 && answer['status'] === 'assigning'; i += 1) {
      answer = await exchange({ 'iotdps-operation-type': 'iotdps-get-operationstatus', 'iotdps-operation-id': String(first['operationId']) }, '');
    }
    count(answer['status'] === 'assigned');
  }
  connection.close();
}

const job = workerData as AmqpJob;
const start = Date.now();
const measureFrom = start + job.warmupMs;
const end = measureFrom + job.measureMs;
let registrations = 0;
let errors = 0;
await Promise.all(Array.from({ length: job.devices }, (_v, i) => device(job, i, () => end, (ok) => {
  if (Date.now() < measureFrom) return;
  if (ok) registrations += 1;
  else errors += 1;
})));
const result: AmqpResult = { registrations, windowMs: job.measureMs, errors };
parentPort?.postMessage(result);
