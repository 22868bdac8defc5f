import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import Mocha from 'mocha';
import type { CheckMeta, CheckRecord, CheckTest } from '../../src/runner/check-meta.js';
import type { OutcomeDetails } from '../../src/results/check-outcome-errors.js';
import { CheckFailure, TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';

const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_TEST_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_TEST_END } =
  Mocha.Runner.constants;

/** A stream that keeps what is written to it; `isTTY` as the test wants. */
export class CaptureStream extends Writable {
  text = '';
  isTTY: boolean;
  columns = 100;
  constructor(isTTY = false) {
    super();
    this.isTTY = isTTY;
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export type FakeEvent =
  | { kind: 'pass'; meta: CheckMeta; message?: string }
  | { kind: 'fail'; meta: CheckMeta; message: string; details?: OutcomeDetails }
  | { kind: 'error'; meta: CheckMeta; message: string; details?: OutcomeDetails }
  | { kind: 'skip'; meta: CheckMeta; message: string };

/** A mocha test as reporters see it, carrying a check record (after mocha's test/reporters/helpers.js). */
function fakeTest(meta: CheckMeta, record: Omit<CheckRecord, 'meta'>): CheckTest {
  const title = `${meta.checkId} [${meta.caseId}]`;
  const test = { title, duration: 3, fullTitle: () => title, slow: () => 75, dpsc: { meta, startedAt: 0, ...record } };
  return test as unknown as CheckTest;
}

/**
 * Drives a reporter class with mocha's event names and no mocha run, then waits for the reporter's
 * `done` as mocha would. Resolves with the reporter instance.
 */
export async function runFake<R extends Mocha.reporters.Base>(
  Reporter: new (runner: Mocha.Runner, options?: Mocha.MochaOptions) => R,
  reporterOptions: Record<string, unknown>,
  events: readonly FakeEvent[],
): Promise<R> {
  const runner = new EventEmitter() as unknown as Mocha.Runner;
  const tests = events.map((event) => fakeTest(event.meta, event.kind === 'pass' ? { message: event.message ?? 'ok' } : { message: event.message }));
  // the planned tests, as a root suite: what reporters read to print the plan
  const root = new Mocha.Suite('');
  root.root = true;
  root.tests.push(...tests);
  runner.suite = root;
  const reporter = new Reporter(runner, { reporterOptions });
  runner.emit(EVENT_RUN_BEGIN);
  for (const [index, event] of events.entries()) {
    const test = tests[index] as CheckTest;
    runner.emit(EVENT_TEST_BEGIN, test);
    if (event.kind === 'pass') runner.emit(EVENT_TEST_PASS, test);
    else if (event.kind === 'skip') runner.emit(EVENT_TEST_PENDING, test);
    else if (event.kind === 'fail') {
      (test.dpsc as CheckRecord).details = event.details ?? {};
      runner.emit(EVENT_TEST_FAIL, test, new CheckFailure(event.message, event.details));
    } else {
      (test.dpsc as CheckRecord).details = event.details ?? {};
      runner.emit(EVENT_TEST_FAIL, test, new TargetMisbehaviour(event.message, event.details));
    }
    runner.emit(EVENT_TEST_END, test);
  }
  runner.emit(EVENT_RUN_END);
  await new Promise<void>((resolve) => {
    if (reporter.done) reporter.done(0, () => resolve());
    else resolve();
  });
  return reporter;
}

export function meta(checkId: string, overrides: Partial<CheckMeta> = {}): CheckMeta {
  return {
    checkId,
    level: 'MUST',
    dialect: 'ga',
    transport: 'https',
    caseId: 'case-1',
    implementation: { name: 'fake-sdk', version: '1.0.0' },
    ...overrides,
  };
}
