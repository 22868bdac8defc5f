import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { DEVICE_STATES, devicePacticipant, dpsPacticipant, pactFileName } from '../../contracts/definitions/index.js';
import { committedPactsDir } from '../../src/contracts/committed-pacts.js';
import { signSasToken, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { Dialect } from '../../src/results/check-result.js';

interface StateParams {
  dialect: Dialect;
  idScope: string;
  enrollmentGroupId?: string;
  groupKey?: string;
  registrationId?: string;
  operationId?: string;
  assignedHub?: string;
  deviceId?: string;
  returnedData?: unknown;
}

interface PactFile {
  interactions: { providerStates?: { name: string; params: StateParams }[] }[];
}

/** One HTTPS request to the emulator, trusting its CA; resolves with status and parsed body. */
function emulatorRequest(
  emulator: RunningEmulator,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest({ host: '127.0.0.1', servername: 'localhost', port: emulator.httpsPort, method, path, headers, ca: emulator.caPem }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * A plain HTTP front for the emulator's HTTPS port: the Pact verifier's proxy then needs no trust in
 * the emulator's private CA. It forwards method, path, headers and body unchanged.
 */
function plainFront(emulator: RunningEmulator): Promise<Server> {
  const server = createServer((req, res) => {
    const upstream = httpsRequest(
      { host: '127.0.0.1', servername: 'localhost', port: emulator.httpsPort, method: req.method, path: req.url, headers: req.headers, ca: emulator.caPem },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Verifies the project's own emulator as the provider of the device -> DPS contracts
 * (`contracts/pacts/device-<dialect>-dps-<dialect>.json`, docs/contract/layout.md), for real: the
 * requests carry SAS tokens signed with keys derived from the state's group key, and the provider
 * states are set up through the emulator's public API (an enrollment group, and a registration
 * completed under the operation ID the pact polls). Called in a child process
 * (device-contract-child.ts): the Pact verifier's native core prints its report to file descriptor 1,
 * which in the test process belongs to the reporter.
 */
export async function verifyDeviceContract(dialect: Dialect): Promise<void> {
  const pactFile = join(committedPactsDir(), pactFileName(devicePacticipant(dialect), dpsPacticipant(dialect)));
  const pact = JSON.parse(readFileSync(pactFile, 'utf8')) as PactFile;
  const group = pact.interactions.flatMap((i) => i.providerStates ?? []).find((s) => s.name === DEVICE_STATES.enrollmentGroup)?.params;
  assert.ok(group?.groupKey && group.enrollmentGroupId, 'the pact names its enrollment group');

  const emulator = await startEmulator({
    idScope: group.idScope,
    enrollments: [{ groupId: group.enrollmentGroupId, primaryKey: group.groupKey }],
    defaultDialect: dialect,
    retryAfterSeconds: 2,
  });
  const front = await plainFront(emulator);
  try {
    const completeRegistration = async (params: StateParams): Promise<undefined> => {
      const { registrationId, operationId, assignedHub, deviceId } = params;
      assert.ok(registrationId && operationId && assignedHub && deviceId, 'the state names the registration');
      emulator.plan(registrationId, {
        dialect,
        operationId,
        retryAfterSeconds: 0,
        allocation: { kind: 'assigned', hub: assignedHub, deviceId, ...(params.returnedData === undefined ? {} : { returnData: params.returnedData }) },
      });
      const authorization = signSasToken({
        idScope: params.idScope,
        registrationId,
        key: emulator.deriveDeviceKey(registrationId),
        expiry: Math.floor(Date.now() / 1000) + 600,
      });
      const headers = { authorization, 'content-type': 'application/json' };
      const registered = await emulatorRequest(emulator, 'PUT', `/${params.idScope}/registrations/${registrationId}/register?api-version=2019-03-31`, headers, JSON.stringify({ registrationId }));
      assert.equal(registered.status, 202, JSON.stringify(registered.body));
      // poll until terminal, so the pact's poll sees the completed state
      for (let i = 0; i < 20; i += 1) {
        const polled = await emulatorRequest(emulator, 'GET', `/${params.idScope}/registrations/${registrationId}/operations/${operationId}?api-version=2019-03-31`, headers);
        if (polled.status === 200) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`registration ${registrationId} did not complete`);
    };
    const output = await new Verifier({
      provider: dpsPacticipant(dialect),
      providerBaseUrl: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
      pactUrls: [pactFile],
      logLevel: 'error',
      stateHandlers: {
        [DEVICE_STATES.enrollmentGroup]: (params?: unknown) => {
          const p = params as StateParams;
          assert.equal(p.idScope, emulator.idScope);
          return Promise.resolve(undefined);
        },
        [DEVICE_STATES.assignedOperation]: (params?: unknown) => completeRegistration(params as StateParams),
      },
    }).verifyProvider();
    assert.ok(output !== undefined);
  } finally {
    await new Promise<void>((resolve) => front.close(() => resolve()));
    await emulator.close();
  }
}
