import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { gradeObserved } from '../../suites/emulate-grading/grade-observed.js';
import { readObserved } from '../../suites/device/evidence/registration-evidence.js';
import { judgeRetryAfterWaits } from '../../suites/device/evidence/retry-after-waits.js';
import { poll, register } from '../emulator/helpers/device.js';

/**
 * The emulator's live note (`poll too soon`, emulate's `earlyPolls`) and the checks that grade the
 * transcript (`device.polling.retryAfter`, `device.polling.throttle`) once measured from different
 * instants and disagreed on the same poll. They share one definition now: this drives polls on both
 * sides of the line and compares, poll by poll.
 */
describe('too soon: the live note and the grading agree on every poll', () => {
  let emulator: RunningEmulator;
  before(async () => {
    // Retry-After 1 s: a poll is too soon under 500 ms after the previous request; 3 answered polls per 10 s
    emulator = await startEmulator({ retryAfterSeconds: 1, pollRateLimit: { polls: 3, windowSeconds: 10 } });
  });
  after(() => emulator.close());

  it('notes exactly the polls the checks fail, after 202s and after the rate limit\'s 429', async () => {
    emulator.plan('agree-1', { pollsBeforeDone: 20 });
    const operationId = String((await register(emulator, 'agree-1')).json['operationId']);
    // around the 500 ms line, then past the rate limit (the 4th poll is answered 429), then at once after the 429
    for (const pause of [50, 700, 450, 650, 0, 20]) {
      await sleep(pause);
      await poll(emulator, 'agree-1', operationId);
    }
    const entries = emulator.transcript.forRegistration('agree-1');
    const noted = entries.filter((e) => e.notes?.notes?.some((n) => n.startsWith('poll too soon'))).map((e) => e.seq);
    const operations = readObserved({ transport: 'https', dialect: 'ga', registrationId: 'agree-1', entries, command: { idScope: emulator.idScope } }).operations;
    const judged = judgeRetryAfterWaits(operations).judged.flatMap((j) => (j.judgement.tooSoon && j.entry.kind === 'poll' ? [j.entry.seq] : []));
    assert.ok(noted.length >= 3, `some polls were too soon: ${noted.join(', ')}`);
    assert.ok(entries.some((e) => e.response?.status === 429), 'the rate limit answered 429');
    assert.deepEqual(noted, judged);

    const results = gradeObserved({ idScope: emulator.idScope, defaultDialect: 'ga', entries: emulator.transcript.entries(), redactor: new SecretRedactor() });
    const outcome = (checkId: string): string | undefined => results.find((r) => r.caseId === 'agree-1#1' && r.checkId === checkId)?.outcome;
    assert.equal(outcome('device.polling.retryAfter'), 'failed');
    assert.equal(outcome('device.polling.throttle'), 'failed');
  });

  it('notes nothing and fails nothing for a device that waits as asked', async () => {
    emulator.plan('agree-2', { pollsBeforeDone: 1 });
    const operationId = String((await register(emulator, 'agree-2')).json['operationId']);
    for (let i = 0; i < 2; i += 1) {
      await sleep(1000);
      await poll(emulator, 'agree-2', operationId);
    }
    const entries = emulator.transcript.forRegistration('agree-2');
    assert.deepEqual(entries.flatMap((e) => e.notes?.notes ?? []).filter((n) => n.startsWith('poll too soon')), []);
    const results = gradeObserved({ idScope: emulator.idScope, defaultDialect: 'ga', entries: emulator.transcript.entries(), redactor: new SecretRedactor() });
    assert.equal(results.find((r) => r.caseId === 'agree-2#1' && r.checkId === 'device.polling.retryAfter')?.outcome, 'passed');
  });
});
