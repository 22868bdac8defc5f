import assert from 'node:assert/strict';
import { HOSTILE_WEBHOOKS } from '../fixtures/hostile/hostile-webhooks.js';
import { assertHostileReported, summaryLine } from './assert-hostile.js';
import { hostileRun, limitConcurrency, type HostileRun } from './hostile-run.js';

/**
 * Every hostile webhook (test/fixtures/hostile/hostile-webhooks.ts) run through the built CLI: the run
 * finishes, reports the misbehaviour with evidence, exits 1, and stays under 300 MB. The runs go three
 * at a time so the whole file stays fast; each measures only its own CLI process.
 */
describe('hostile webhooks through the built CLI', function () {
  this.timeout(180_000);
  const runs = new Map<string, Promise<{ run: HostileRun; requests: number }>>();
  const lines: string[] = [];

  before(() => {
    const tasks = HOSTILE_WEBHOOKS.map((hostile) => async () => {
      const target = await hostile.start();
      try {
        const run = await hostileRun(['webhook', '--url', target.url, ...hostile.args]);
        return { run, requests: target.requests() };
      } finally {
        await target.close();
      }
    });
    limitConcurrency(tasks, 3).forEach((promise, i) => {
      const name = (HOSTILE_WEBHOOKS[i] as (typeof HOSTILE_WEBHOOKS)[number]).name;
      // a rejection is asserted by the case's own test; do not let it go unhandled meanwhile
      promise.catch(() => undefined);
      runs.set(name, promise);
    });
  });

  after(() => {
    if (process.env['DPSC_HOSTILE_LOG']) process.stdout.write(`\n${lines.join('\n')}\n`);
  });

  for (const hostile of HOSTILE_WEBHOOKS) {
    it(`${hostile.name}: ${hostile.behaviour}`, async () => {
      const { run, requests } = await (runs.get(hostile.name) as Promise<{ run: HostileRun; requests: number }>);
      assert.ok(requests > 0, 'the hostile webhook was never called');
      const reported = assertHostileReported(run, hostile.expect);
      lines.push(summaryLine(hostile.name, run, reported));
    });
  }

  it('nested-10000: the Pact check is not reached (blocked by webhook.response.json), never failed for the verifier\'s own depth limit', async () => {
    const { run } = await (runs.get('nested-10000') as Promise<{ run: HostileRun; requests: number }>);
    const pact = (run.results ?? []).filter((r) => r.checkId === 'webhook.contract.pact');
    assert.ok(pact.length > 0, 'no webhook.contract.pact result');
    assert.deepEqual(pact.filter((r) => r.outcome === 'failed' || r.outcome === 'errored').map((r) => r.message), []);
    assert.ok(pact.some((r) => r.outcome === 'skipped' && r.extra['blockedBy'] === 'webhook.response.json' && /not verified: JSON nested 10,00\d levels deep/.test(r.message)), pact.map((r) => `${r.outcome} ${r.message}`).join(' | '));
  });
});
