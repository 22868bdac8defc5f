import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureContext } from '../helpers/capture-context.js';
import { brokerPublishing, publishAfterRun } from '../../src/cli/commands/webhook/publish-verification-step.js';
import type { WebhookCommandOptions } from '../../src/cli/commands/webhook/options.js';
import { publishVerificationResults, VerificationBrokerError } from '../../src/contracts/publish-verification.js';
import { PACT_CHECK_ID, verificationsFromResults } from '../../src/contracts/verifications-from-results.js';
import { writeReportSet } from '../../src/report/write-report-set.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { isHarnessError } from '../../src/errors/harness-error.js';
import { fakeRunInfo } from '../report-html/fake-results.js';
import { BrokerStandIn, useBrokerStandIn, type BrokerRequest } from './broker-stand-in.js';

const SHA = '0f6c3a9d';

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body?: unknown;
}

const pact = (dialect: 'ga' | 'preview', interaction: string, outcome: CheckResult['outcome']): CheckResult => ({
  checkId: PACT_CHECK_ID, level: 'MUST', outcome, dialect, transport: 'http', caseId: `pact: ${interaction}`,
  implementation: { name: 'http://127.0.0.1:7071/api/allocate' }, message: outcome === 'passed' ? 'verified' : 'status: expected 200 but was 500',
});

const context = captureContext;

describe('Pact Broker: publishing verification results (a stand-in for the HAL API on loopback)', () => {
  const server = new BrokerStandIn();
  let BROKER = '';
  let seen: Seen[] = [];
  const publishLink = (provider: string, consumer: string): string => `${BROKER}/pacts/provider/${provider}/consumer/${consumer}/pact-version/${SHA}/verification-results`;

  useBrokerStandIn(server, () => {
    seen = [];
  });
  before(() => {
    BROKER = `${server.origin}/team-a`;
  });

  /** The broker's three resources this uses, as its API documents them, recording every request. */
  function broker(): void {
    const record = (request: BrokerRequest, withBody: boolean): void => {
      const { method, url } = request;
      seen.push({ method, url, authorization: request.headers.authorization ?? null, ...(withBody ? { body: request.json() } : {}) });
    };
    server.on('GET', '/team-a/pacts/provider/:provider/consumer/:consumer/latest', (request) => {
      record(request, false);
      const provider = String(request.params['provider']);
      const consumer = String(request.params['consumer']);
      const links = { 'pb:publish-verification-results': { title: 'Publish verification results', href: publishLink(provider, consumer) } };
      return {
        json: { consumer: { name: consumer }, provider: { name: provider }, _links: links },
        headers: { 'content-type': 'application/hal+json' },
      };
    });
    server.on('PUT', '/team-a/pacticipants/:provider/branches/:branch/versions/:version', (request) => {
      record(request, true);
      return { status: 201, json: { _links: { self: { href: request.url } } } };
    });
    server.on('POST', '/team-a/pacts/provider/:provider/consumer/:consumer/pact-version/:sha/verification-results', (request) => {
      record(request, true);
      return { status: 201, json: { success: true, _links: { self: { href: `${BROKER}/verification-results/1` } } } };
    });
  }

  it('turns the contract check results into one verification per dialect (skipped interactions left out)', () => {
    const verifications = verificationsFromResults([pact('ga', 'a request', 'passed'), pact('ga', 'another', 'failed'), pact('preview', 'a request', 'passed'), pact('preview', 'skipped one', 'skipped'), { ...pact('ga', 'x', 'failed'), checkId: 'webhook.response.schema' }]);
    assert.deepEqual(verifications, [
      { consumer: 'dps-ga', provider: 'allocation-webhook-ga', success: false, testResults: [{ interactionDescription: 'a request', success: true }, { interactionDescription: 'another', success: false, mismatches: ['status: expected 200 but was 500'] }] },
      { consumer: 'dps-preview', provider: 'allocation-webhook-preview', success: true, testResults: [{ interactionDescription: 'a request', success: true }] },
    ]);
  });

  it('GETs the pact, puts the provider version on its branch, POSTs the result to pb:publish-verification-results, with the bearer token', async () => {
    broker();
    const verifications = verificationsFromResults([pact('ga', 'a request', 'passed'), pact('ga', 'another', 'failed')]);
    const published = await publishVerificationResults(verifications, { brokerUrl: BROKER, providerVersion: 'abc123', branch: 'feature/x', buildUrl: 'https://ci.example/run/7', token: 's3cret', toolVersion: '0.1.0' });
    assert.deepEqual(seen.map((s) => `${s.method} ${s.url}`), [
      `GET ${BROKER}/pacts/provider/allocation-webhook-ga/consumer/dps-ga/latest`,
      `PUT ${BROKER}/pacticipants/allocation-webhook-ga/branches/feature%2Fx/versions/abc123`,
      `POST ${publishLink('allocation-webhook-ga', 'dps-ga')}`,
    ]);
    assert.ok(seen.every((s) => s.authorization === 'Bearer s3cret'));
    assert.deepEqual(seen[2]?.body, {
      success: false,
      providerApplicationVersion: 'abc123',
      verifiedBy: { implementation: 'dps-conformance', version: '0.1.0' },
      buildUrl: 'https://ci.example/run/7',
      testResults: [{ interactionDescription: 'a request', success: true }, { interactionDescription: 'another', success: false, mismatches: ['status: expected 200 but was 500'] }],
    });
    assert.deepEqual(published, [{ consumer: 'dps-ga', provider: 'allocation-webhook-ga', success: false, url: `${BROKER}/verification-results/1` }]);
  });

  it('uses basic auth when given a username, and no branch call without a branch', async () => {
    broker();
    await publishVerificationResults(verificationsFromResults([pact('preview', 'a request', 'passed')]), { brokerUrl: `${BROKER}/`, providerVersion: '1.0.0', username: 'ci', password: 'pw', toolVersion: '0.1.0' });
    assert.deepEqual(seen.map((s) => s.method), ['GET', 'POST']);
    assert.ok(seen.every((s) => s.authorization === `Basic ${Buffer.from('ci:pw').toString('base64')}`));
  });

  it('says to publish the contracts first when the broker has no such pact', async () => {
    server.on('GET', '/team-a/pacts/provider/:p/consumer/:c/latest', () => ({ status: 404, json: { error: { message: 'No pact found' } } }));
    await assert.rejects(
      publishVerificationResults(verificationsFromResults([pact('ga', 'a', 'passed')]), { brokerUrl: BROKER, providerVersion: '1', toolVersion: '0.1.0' }),
      (error: unknown) => error instanceof VerificationBrokerError && /404 .*publish the contracts first.*No pact found/.test(error.message),
    );
  });

  it('webhook --broker-url: checks its options before the run, publishes from ctrf.json after it, never prints the token', async () => {
    assert.throws(() => brokerPublishing({ brokerUrl: BROKER } as WebhookCommandOptions), (e: unknown) => isHarnessError(e) && /--provider-version/.test(String(e)));
    assert.throws(() => brokerPublishing({ providerVersion: '1' } as WebhookCommandOptions), (e: unknown) => isHarnessError(e) && /need --broker-url/.test(String(e)));
    broker();
    process.env['PACT_BROKER_TOKEN'] = 's3cret';
    const dir = await mkdtemp(join(tmpdir(), 'dpsc-publish-verification-'));
    try {
      await writeReportSet(dir, [pact('ga', 'a request', 'passed')], fakeRunInfo, { stepSummary: false });
      const options = brokerPublishing({ brokerUrl: BROKER, providerVersion: 'abc123', providerBranch: 'main' } as WebhookCommandOptions);
      assert.ok(options);
      const io = context();
      assert.equal(await publishAfterRun(options, dir, 0, io.context), 0);
      assert.match(io.out(), /published verification dps-ga -> allocation-webhook-ga abc123: success/);
      assert.deepEqual((seen[2]?.body as { success: boolean }).success, true);
      server.on('POST', '/team-a/pacts/provider/:p/consumer/:c/pact-version/:sha/verification-results', () => ({ status: 400, json: { errors: { providerApplicationVersion: ['s3cret is not valid'] } } }));
      const failing = context();
      assert.equal(await publishAfterRun(options, dir, 1, failing.context), 2, 'a refused publication is exit 2');
      assert.match(failing.err(), /refused the verification of dps-ga -> allocation-webhook-ga .*400/);
      assert.ok(!failing.err().includes('s3cret'));
    } finally {
      delete process.env['PACT_BROKER_TOKEN'];
      await rm(dir, { recursive: true, force: true });
    }
  });
});
