import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { formatHtml } from '../../src/report/format/format-html.js';
import { writeReportSet } from '../../src/report/write-report-set.js';
import { launchChromiumOrSkip, openRecording, type RecordingPage } from '../helpers/browser.js';
import { repoRoot } from '../helpers/run-cli.js';
import { EVIDENCE_MARKER, HOSTILE_IMG, HOSTILE_SCRIPT, fakeResults, fakeRunInfo } from './fake-results.js';

/**
 * The text of the matrix cell for one row (implementation, transport, dialect) and one column (check
 * family, by its full name in the header's title, or `all`), across the per-party tables; the
 * implementation header spans its rows.
 */
async function matrixCell(page: Page, row: [string, string, string], family: string): Promise<string> {
  // a string, evaluated in the page: the project compiles without the DOM library
  const found: unknown = await page.evaluate(`(() => {
    const wanted = ${JSON.stringify(JSON.stringify(row))};
    for (const table of document.querySelectorAll('table.matrix')) {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('title') ?? th.textContent);
      const index = headers.indexOf(${JSON.stringify(family)});
      if (index < 3) continue;
      let implementation = '';
      for (const tr of table.querySelectorAll('tbody tr')) {
        const impl = tr.querySelector('th.impl');
        if (impl) implementation = impl.textContent;
        const labels = [...tr.querySelectorAll('th:not(.impl)')].map((th) => th.textContent);
        if (JSON.stringify([implementation, ...labels]) === wanted) return tr.querySelectorAll('td')[index - 3]?.innerText ?? null;
      }
    }
    return null;
  })()`);
  if (typeof found !== 'string') throw new Error(`no matrix cell ${row.join(' ')} / ${family}`);
  return found.replace(/\s+/g, ' ').trim();
}

/** Rows of every matrix table. */
async function matrixRows(page: Page): Promise<number> {
  return page.locator('table.matrix tbody tr').count();
}

describe('report.html in headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let dir: string;
  let reportUrl: string;
  const open: RecordingPage[] = [];

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    dir = await mkdtemp(join(tmpdir(), 'dpsc-report-html-'));
    const path = join(dir, 'report.html');
    await writeFile(path, formatHtml(fakeResults(), fakeRunInfo));
    reportUrl = pathToFileURL(path).href;
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const recording of open.splice(0)) await recording.close();
  });

  async function openReport(url = reportUrl, options: { bypassCSP?: boolean } = {}): Promise<RecordingPage> {
    assert.ok(browser);
    const recording = await openRecording(browser, url, options);
    open.push(recording);
    return recording;
  }

  it('renders: title, verdict first, and the matrix table', async () => {
    const { page } = await openReport();
    assert.equal(await page.title(), 'dps-conformance run: FAIL');
    const verdict = await page.locator('#verdict').innerText();
    assert.match(verdict, /^✗ FAIL 4 blocking \(MUST failed or errored\)/);
    assert.ok(await page.locator('table.matrix').first().isVisible());
    const device = page.locator('table.matrix[data-party="device"] thead th');
    assert.deepEqual((await device.allInnerTexts()).slice(3), ['register', 'returnData', 'all']);
    assert.deepEqual((await page.locator('table.matrix[data-party="webhook"] thead th').allInnerTexts()).slice(3), ['response', 'all']);
    assert.equal(await matrixRows(page), 11);
  });

  it('shows the right status and counts in known matrix cells', async () => {
    const { page } = await openReport();
    assert.equal(await matrixCell(page, ['reference-device@1.0.0', 'https', 'ga'], 'device.register'), '✓ pass 4/4 passed');
    assert.equal(await matrixCell(page, ['azure-iot-provisioning-device@1.9.1', 'mqtt', 'preview'], 'device.returnData'), '✗ fail 1/4 passed · 2 failed · 1 errored');
    assert.equal(await matrixCell(page, ['azure-iot-provisioning-device@1.9.1', 'https', 'ga'], 'device.returnData'), '◐ partial 3/4 passed · 1 failed');
    assert.equal(await matrixCell(page, ['azure-iot-provisioning-device@1.9.1', 'amqp', 'ga'], 'device.register'), '○ skipped 1 skipped');
    assert.equal(await matrixCell(page, ['azure-iot-provisioning-device@1.9.1', 'amqp', 'ga'], 'device.returnData'), '–');
    assert.equal(await matrixCell(page, ['http://127.0.0.1:7071/api/alloc', 'http', 'ga'], 'webhook.response'), '✗ fail 1/3 passed · 1 failed · 1 waived');
    assert.equal(await matrixCell(page, ['reference-device@1.0.0', 'mqtt', 'preview'], 'all'), '✓ pass 8/8 passed');
  });

  it('lists only failed and errored results, each expanding to a link to its evidence, stored once at the end', async () => {
    const { page } = await openReport();
    assert.equal(await page.locator('details.entry').count(), 6, 'one entry per cause');
    const entry = page.locator('details.entry', { hasText: 'webhook.response.schema' });
    const link = entry.locator('.evidence-link a');
    assert.equal(await link.isVisible(), false);
    await entry.locator('summary').click();
    assert.ok(await link.isVisible());
    assert.match(await entry.innerText(), /iotHubHostName/);
    await link.click();
    const target = page.locator(`${(await link.getAttribute('href')) ?? ''} pre.evidence`);
    assert.ok(await target.isVisible());
    assert.match(await target.innerText(), new RegExp(EVIDENCE_MARKER));
    assert.equal(await page.getByText(EVIDENCE_MARKER).count(), 1, 'the evidence is on the page once');
  });

  it('a matrix cell with a failure links to that failure', async () => {
    const { page } = await openReport();
    const link = page.locator('table.matrix[data-party="webhook"] tbody tr', { hasText: 'api/alloc' }).locator('td a').first();
    const target = (await link.getAttribute('href')) ?? '';
    assert.match(target, /^#cause-\d+$/);
    assert.match(await page.locator(`${target} summary`).innerText(), /webhook\.response\.schema/);
  });

  for (const bypassCSP of [false, true]) {
    it(`keeps hostile strings as text${bypassCSP ? ', even with the CSP bypassed (escaping alone holds)' : ''}`, async () => {
      const { page } = await openReport(reportUrl, { bypassCSP });
      assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
      assert.equal(await page.locator('script, img, iframe, object').count(), 0);
      const text = await page.locator('body').innerText();
      assert.ok(text.includes(HOSTILE_SCRIPT), 'the literal <script> text is visible');
      assert.ok(text.includes(HOSTILE_IMG), 'the literal <img> text is visible');
      await page.locator('details.entry', { hasText: 'device.register.status' }).locator('summary').click();
      assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    });
  }

  it('makes no network request: the only request is the file itself', async () => {
    const { page, requests } = await openReport();
    for (const summary of await page.locator('details.entry summary').all()) await summary.click();
    assert.deepEqual(requests, [reportUrl]);
  });

  it('(control) the request recorder does see a page that loads something remote', async () => {
    const control = join(dir, 'control.html');
    await writeFile(control, '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head><body>control</body></html>');
    const { requests } = await openReport(pathToFileURL(control).href);
    assert.ok(requests.includes('http://127.0.0.1:9/x.css'), requests.join(', '));
  });

  it('renders the report.html that writeReportSet writes, the same page', async () => {
    const outDir = join(dir, 'set');
    await writeReportSet(outDir, fakeResults(), fakeRunInfo, { stepSummary: false });
    const written = await readFile(join(outDir, 'report.html'), 'utf8');
    assert.equal(written, formatHtml(fakeResults(), fakeRunInfo));
    const { page, requests } = await openReport(pathToFileURL(join(outDir, 'report.html')).href);
    assert.equal(await page.title(), 'dps-conformance run: FAIL');
    assert.equal(await matrixRows(page), 11);
    assert.ok(requests.every((url) => url.startsWith('file://')));
  });

  it('writes a screenshot to test-artifacts/report-html.png, one failure expanded', async () => {
    const { page } = await openReport();
    await page.locator('details.entry').first().locator('summary').click();
    const artifacts = join(repoRoot, 'test-artifacts');
    await mkdir(artifacts, { recursive: true });
    const path = join(artifacts, 'report-html.png');
    await page.screenshot({ path, fullPage: true });
    assert.ok((await stat(path)).size > 1000);
  });
});
