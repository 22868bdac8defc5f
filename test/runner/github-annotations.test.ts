import assert from 'node:assert/strict';
import type { CheckResult } from '../../src/results/check-result.js';
import { githubAnnotations, MAX_ANNOTATIONS } from '../../src/runner/github-annotations.js';

const result = (i: number, overrides: Partial<CheckResult> = {}): CheckResult => ({
  checkId: 'webhook.response.hub',
  level: 'MUST',
  outcome: 'failed',
  dialect: 'ga',
  transport: 'http',
  caseId: `case-${i}`,
  implementation: { name: 'http://127.0.0.1:1/api' },
  message: `expected a linked hub,\ngot 100% wrong`,
  ...overrides,
});

describe('GitHub annotations', () => {
  it('are empty outside GitHub Actions', () => {
    assert.deepEqual(githubAnnotations([result(1)], {}), []);
  });

  it('name each blocking failure with escaped data and properties', () => {
    const [line] = githubAnnotations([result(1), result(2, { level: 'SHOULD' }), result(3, { outcome: 'passed' })], { GITHUB_ACTIONS: 'true' });
    assert.equal(line, '::error title=webhook.response.hub [case-1] http%3A//127.0.0.1%3A1/api http ga::expected a linked hub,%0Agot 100%25 wrong');
  });

  it('are capped, with one line saying how many more there are', () => {
    const lines = githubAnnotations(
      Array.from({ length: MAX_ANNOTATIONS + 5 }, (_v, i) => result(i)),
      { GITHUB_ACTIONS: 'true' },
    );
    assert.equal(lines.length, MAX_ANNOTATIONS + 1);
    assert.match(lines.at(-1) ?? '', /^::warning title=dps-conformance::5 more MUST failures/);
  });

  it('leave out waived failures', () => {
    assert.deepEqual(githubAnnotations([result(1, { waived: { reason: 'r', expires: '2099-01-01' } })], { GITHUB_ACTIONS: 'true' }), []);
  });
});
