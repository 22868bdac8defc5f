import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import type { ConnectEntry, DeviceEntry, WireView } from '../evidence/evidence-entry.js';
import { isObject } from '../evidence/json-values.js';
import type { RegistrationEvidence } from '../evidence/registration-evidence.js';
import { DEVICE_CHECKS } from '../device-checks.js';
import { describeRefusal, ownRefusal } from '../refusal-owner.js';


/** What the emulator recorded of an AMQP exchange (docs/protocol/amqp.md). */
export type AmqpWireView = Extract<WireView, { protocol: 'amqp' }>;

/**
 * Who the connection said it was: the SASL PLAIN user name, or with X.509 (no SASL credentials) the
 * address of the first link, as `{idScope}/registrations/{id}`.
 */
export function amqpIdentity(entry: ConnectEntry | undefined): string | undefined {
  const wire = amqpWire(entry);
  if (wire?.amqp === 'attach') return wire.address?.replace(/^amqps?:\/\/[^/]*\//, '').replace(/^\//, '');
  return wire?.username;
}

export function amqpWire(entry: DeviceEntry | undefined): AmqpWireView | undefined {
  const wire = entry && 'wire' in entry ? entry.wire : undefined;
  return wire?.protocol === 'amqp' ? wire : undefined;
}

/** True for the AMQP transports (over TLS and over WebSocket). */
export function isAmqpTransport(transport: string): boolean {
  return transport === 'amqp' || transport === 'amqp-ws';
}

/**
 * `device.amqp.protocol` (docs/protocol/amqp.md): SASL PLAIN with user name
 * `{idScope}/registrations/{id}`; links on the registration's address; every request names its
 * operation type (`iotdps-register` / `iotdps-get-operationstatus`), comes on a link with
 * `com.microsoft:api-version`, and polls name the operationId DPS gave. A correlation-id is not required:
 * the C and Java SDKs send none (one request at a time, the next message is the answer) and DPS serves them.
 */
export function checkAmqpProtocol(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const { run } = e;
  const bad = ownRefusal(e, DEVICE_CHECKS.amqpProtocol.id);
  if (bad) v.fail(`expected documented AMQP use, ${describeRefusal(bad)}`, { mismatch: 'protocol-mismatch', actual: bad.entry.wire });
  const connect = e.connect;
  // judged from the server side too (`emulate`), where the attestation is only known from what the device did
  if (!connect) v.fail('expected SASL PLAIN with the SAS token (with X.509: links on the registration address), the emulator saw neither', { mismatch: 'missing-request' });
  const identity = amqpIdentity(connect);
  const expectedUser = `${run.command.idScope}/registrations/${run.registrationId}`;
  if (identity?.toLowerCase() !== expectedUser.toLowerCase()) {
    const what = amqpWire(connect)?.amqp === 'attach' ? 'link address' : 'SASL user name';
    v.fail(`expected ${what} ${expectedUser}, got ${brief(identity ?? null)}`, { mismatch: 'protocol-mismatch', expected: expectedUser, actual: identity });
  }
  let operationId: string | undefined;
  for (const entry of e.operations) {
    const wire = amqpWire(entry);
    if (!wire) continue;
    if (!wire.apiVersion) v.fail('expected com.microsoft:api-version on the link the request came on', { mismatch: 'missing-field' });
    if (entry.kind === 'poll' && operationId !== undefined && wire.operationId !== operationId) {
      v.fail(`expected iotdps-operation-id ${operationId}, got ${brief(wire.operationId ?? null)}`, { mismatch: 'protocol-mismatch', expected: operationId, actual: wire.operationId });
    }
    const body = entry.answer.body;
    if (body.kind === 'json' && isObject(body.value) && typeof body.value['operationId'] === 'string') operationId = body.value['operationId'];
  }
  return 'SASL PLAIN, link addresses and operation types as documented';
}
