import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { formatHtml } from '../../src/report/format/format-html.js';
import { implementationLabel } from '../../src/report/format/implementation-label.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { launchChromiumOrSkip, openRecording, type RecordingPage } from '../helpers/browser.js';
import { repoRoot } from '../helpers/run-cli.js';
import { HOSTILE_IMG, HOSTILE_SCRIPT, fakeRunInfo } from './fake-results.js';
import { CRASH_LINE, JAVA_SDK, NODE_SDK, PYTHON_SDK, fiveImplementations } from './five-implementations.js';

/** The headline's MUST pass rate of one implementation, computed from the results the page was made of. */
function mustRate(results: readonly CheckResult[], label: string): string {
  const must = results.filter((r) => implementationLabel(r) === label && r.level === 'MUST' && r.outcome !== 'skipped');
  const passed = must.filter((r) => r.outcome === 'passed').length;
  return `${Math.floor((passed * 100) / must.length)}% MUST (${passed}/${must.length})`;
}

describe('report.html of five implementations in headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let dir: string;
  let reportUrl: string;
  const results = fiveImplementations();
  const open: RecordingPage[] = [];

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    dir = await mkdtemp(join(tmpdir(), 'dpsc-report-five-'));
    const path = join(dir, 'report.html');
    await writeFile(path, formatHtml(results, fakeRunInfo));
    reportUrl = pathToFileURL(path).href;
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const recording of open.splice(0)) await recording.close();
  });

  async function openAt(width: number): Promise<RecordingPage> {
    assert.ok(browser);
    const recording = await openRecording(browser, reportUrl, { width });
    open.push(recording);
    return recording;
  }

  it('has no horizontal scroll at 1,400 px, with one matrix per party', async () => {
    const { page } = await openAt(1400);
    const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
    assert.ok(Array.isArray(widths));
    const [scrollWidth, innerWidth] = widths as number[];
    assert.ok((scrollWidth ?? Infinity) <= (innerWidth ?? 0), `page is ${scrollWidth} px wide in a ${innerWidth} px window`);
    const tables = await page.locator('table.matrix').all();
    assert.deepEqual(await Promise.all(tables.map((t) => t.getAttribute('data-party'))), ['device', 'webhook']);
    for (const table of tables) {
      const box = await table.boundingBox();
      assert.ok(box && box.x + box.width <= 1400, `a matrix ends at ${box ? box.x + box.width : '?'} px`);
    }
  });

  it('says per implementation its verdict and MUST pass rate, computed from the results', async () => {
    const { page } = await openAt(1400);
    const rows = page.locator('#headline tbody tr');
    assert.equal(await rows.count(), 5);
    const node = implementationLabel({ ...results[0], implementation: NODE_SDK });
    const nodeRow = rows.filter({ hasText: node });
    assert.match(await nodeRow.innerText(), /FAIL/);
    assert.ok((await nodeRow.innerText()).includes(mustRate(results, node)));
    assert.ok((await nodeRow.innerText()).includes(CRASH_LINE), 'the crash is among the top causes, by its first line');
    const python = rows.filter({ hasText: `${PYTHON_SDK.name}@${PYTHON_SDK.version ?? ''}` });
    assert.match(await python.innerText(), /PASS/);
    assert.match(await python.innerText(), /100% MUST/);
  });

  it('shows one entry per cause; the crash of one transport is one entry listing every case', async () => {
    const { page } = await openAt(1400);
    assert.equal(await page.locator('details.entry').count(), 4);
    const crash = page.locator('details.entry', { hasText: CRASH_LINE });
    assert.equal(await crash.count(), 1);
    const crashed = results.filter((r) => r.outcome === 'errored').length;
    assert.match(await crash.locator('summary').innerText(), new RegExp(`× ${crashed}\\b`));
    await crash.locator('summary').click();
    assert.equal(await crash.locator('table.affected tbody tr').count(), 6, 'one row per case');
  });

  it('keeps strings from implementations as text and makes no network request', async () => {
    const { page, requests } = await openAt(1400);
    for (const summary of await page.locator('details.entry summary').all()) await summary.click();
    assert.equal(await page.locator('script, img, iframe, object').count(), 0);
    const text = await page.locator('body').innerText();
    assert.ok(text.includes(HOSTILE_SCRIPT) && text.includes(HOSTILE_IMG));
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    assert.deepEqual(requests, [reportUrl]);
  });

  for (const width of [1400, 800]) {
    it(`never breaks a matrix or table header inside a word at ${width} px`, async () => {
      const { page } = await openAt(width);
      // a header whose word is wider than its column overflows (its words never wrap): none may
      const overflowing = await page.evaluate(`[...document.querySelectorAll('thead th')].filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent)`);
      assert.deepEqual(overflowing, []);
      const lines = await page.evaluate(`[...document.querySelectorAll('table.matrix thead th.upright span')].map((span) => span.getClientRects().length)`);
      assert.ok(Array.isArray(lines) && lines.length > 0 && lines.every((n) => n === 1), `an upright header is one line: ${JSON.stringify(lines)}`);
    });
  }

  it('names an implementation by its display name, with its whole package coordinate and a link to its README', async () => {
    const { page } = await openAt(1400);
    const row = page.locator('#headline tbody tr', { hasText: 'Azure IoT Java SDK 2.1.0' });
    assert.equal(await row.count(), 1);
    assert.ok((await row.innerText()).includes(`${JAVA_SDK.name}@2.1.0`), 'the coordinate, whole');
    assert.equal(await row.locator('th').getAttribute('title'), `${JAVA_SDK.name}@2.1.0`);
    assert.equal(await row.locator('a.docs').getAttribute('href'), 'implementations/azure-iot-java-sdk/README.md');
    assert.equal(await page.locator('table.matrix th.impl', { hasText: 'Azure IoT Java SDK 2.1.0' }).count(), 1);
    assert.equal(await page.getByText(/provisioning-device-client@2\.1\.0/).count() >= 1, true);
  });

  for (const width of [1400, 800]) {
    it(`writes a screenshot at ${width} px to test-artifacts/report-html-${width}.png`, async () => {
      const { page } = await openAt(width);
      await page.locator('details.entry', { hasText: CRASH_LINE }).locator('summary').click();
      const artifacts = join(repoRoot, 'test-artifacts');
      await mkdir(artifacts, { recursive: true });
      const path = join(artifacts, `report-html-${width}.png`);
      await page.screenshot({ path, fullPage: true });
      assert.ok((await stat(path)).size > 1000);
    });
  }
});
