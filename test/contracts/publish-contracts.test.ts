import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { captureContext } from '../helpers/capture-context.js';
import { handle } from '../../src/cli/commands/contracts/publish-handler.js';
import type { ContractsPublishOptions } from '../../src/cli/commands/contracts/options.js';
import { committedPactsDir } from '../../src/contracts/committed-pacts.js';
import { listPactFiles } from '../../src/contracts/pact-file.js';
import { BrokerStandIn, useBrokerStandIn } from './broker-stand-in.js';

interface Captured {
  url: string;
  authorization: string | null;
  contentType: string | null;
  body: {
    pacticipantName: string;
    pacticipantVersionNumber: string;
    branch?: string;
    tags?: string[];
    contracts: Array<{ consumerName: string; providerName: string; specification: string; contentType: string; content: string }>;
  };
}

const context = captureContext;

describe('contracts: publish to a Pact Broker (a stand-in broker on loopback)', () => {
  const server = new BrokerStandIn();
  let BROKER = '';
  let captured: Captured[] = [];

  useBrokerStandIn(server, () => {
    captured = [];
    delete process.env['PACT_BROKER_TOKEN'];
  });
  before(() => {
    BROKER = `${server.origin}/team-a`;
  });

  function acceptingBroker(): void {
    server.on('POST', '/team-a/contracts/publish', (request) => {
      captured.push({
        url: request.url,
        authorization: request.headers.authorization ?? null,
        contentType: request.headers['content-type'] ?? null,
        body: request.json() as Captured['body'],
      });
      return { json: { logs: [{ level: 'info', message: 'Pact published' }, { level: 'debug', message: 'noise' }] } };
    });
  }

  it('POSTs /contracts/publish once per consumer with the pacts, version, branch, tags and bearer token', async () => {
    acceptingBroker();
    const io = context();
    const options: ContractsPublishOptions = { brokerUrl: BROKER, consumerVersion: '1.2.3', branch: 'main', tag: ['prod', 'eu'], brokerToken: 'broker-token-abc' };
    const status = await handle(options, io.context);
    assert.equal(status, 0, io.err());
    const files = listPactFiles(committedPactsDir()).map((f) => JSON.parse(readFileSync(f, 'utf8')) as { consumer: { name: string }; provider: { name: string } });
    const consumers = [...new Set(files.map((p) => p.consumer.name))];
    assert.deepEqual(captured.map((c) => c.body.pacticipantName), consumers);
    for (const request of captured) {
      assert.equal(request.url, `${BROKER}/contracts/publish`);
      assert.equal(request.authorization, 'Bearer broker-token-abc');
      assert.equal(request.contentType, 'application/json');
      assert.equal(request.body.pacticipantVersionNumber, '1.2.3');
      assert.equal(request.body.branch, 'main');
      assert.deepEqual(request.body.tags, ['prod', 'eu']);
      for (const contract of request.body.contracts) {
        assert.equal(contract.consumerName, request.body.pacticipantName);
        assert.equal(contract.specification, 'pact');
        assert.equal(contract.contentType, 'application/json');
        const file = `${committedPactsDir()}/${contract.consumerName}-${contract.providerName}.json`;
        assert.equal(Buffer.from(contract.content, 'base64').toString('utf8'), readFileSync(file, 'utf8'));
      }
    }
    assert.equal(captured.flatMap((c) => c.body.contracts).length, files.length);
    assert.match(io.out(), /published dps-ga 1\.2\.3 -> allocation-webhook-ga/);
    assert.match(io.out(), /^ {2}Pact published$/m);
    assert.doesNotMatch(io.out(), /noise/);
    assert.doesNotMatch(io.out() + io.err(), /broker-token-abc/);
  });

  it('sends no branch or tags when none are given, and takes the token from PACT_BROKER_TOKEN', async () => {
    acceptingBroker();
    process.env['PACT_BROKER_TOKEN'] = 'env-token-xyz';
    const io = context();
    const status = await handle({ brokerUrl: `${BROKER}/`, consumerVersion: 'abc123' }, io.context);
    assert.equal(status, 0, io.err());
    for (const request of captured) {
      assert.equal(request.authorization, 'Bearer env-token-xyz');
      assert.equal('branch' in request.body, false);
      assert.equal('tags' in request.body, false);
    }
  });

  it('exits 2 with the broker\'s reason when the broker refuses, without printing the token', async () => {
    server.on('POST', '/team-a/contracts/publish', () => ({ status: 400, statusText: 'Bad Request', json: { errors: { pacticipantVersionNumber: ['is not a valid version'] } } }));
    const io = context();
    const status = await handle({ brokerUrl: BROKER, consumerVersion: 'x', brokerToken: 'broker-token-abc' }, io.context);
    assert.equal(status, 2);
    assert.match(io.err(), /the Pact Broker refused the contracts of \S+ \(POST \/team-a\/contracts\/publish: 400 Bad Request\): pacticipantVersionNumber: is not a valid version/);
    assert.doesNotMatch(io.out() + io.err(), /broker-token-abc/);
  });

  it('exits 2 on 401 and stops at the first refusal', async () => {
    let calls = 0;
    server.on('POST', '/team-a/contracts/publish', () => {
      calls += 1;
      return { status: 401, statusText: 'Unauthorized', text: 'Unauthorized' };
    });
    const io = context();
    const status = await handle({ brokerUrl: BROKER, consumerVersion: '1' }, io.context);
    assert.equal(status, 2);
    assert.equal(calls, 1);
    assert.match(io.err(), /401 Unauthorized\): Unauthorized/);
  });

  it('exits 2 when the broker cannot be reached', async () => {
    const gone = new BrokerStandIn();
    await gone.start();
    await gone.close();
    const io = context();
    const status = await handle({ brokerUrl: `${gone.origin}/team-a`, consumerVersion: '1' }, io.context);
    assert.equal(status, 2);
    assert.match(io.err(), new RegExp(`cannot reach the Pact Broker at ${gone.origin.replace(/\./g, '\\.')}: ECONNREFUSED`));
  });
});
