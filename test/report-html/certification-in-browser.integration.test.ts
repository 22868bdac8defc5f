import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { keyIdOf } from '../../src/certify/key-files.js';
import { packageVersion } from '../../src/meta/package-info.js';
import { launchChromiumOrSkip, openRecording, type RecordingPage } from '../helpers/browser.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const node = `"${process.execPath}"`;
const brokenDevice = `${node} "${join(repoRoot, 'dist', 'test', 'fixtures', 'adapters', 'broken-device.js')}" loses-return-data`;

/**
 * A vendor's self-certification as a customer meets it: `device` with `--declare`, `--waivers` (two that
 * apply, one expired, one that matches nothing) and `--sign` against a device with one real defect,
 * then report.html in Chromium. What was declared, that the results are signed and with which key, and
 * what every waiver did are on the page; the waived failures are WAIVED, in its own section, never among
 * the failures.
 */
describe('self-certification in report.html (a signed, declared, waived device run, in headless Chromium)', function () {
  this.timeout(180_000);
  let browser: Browser | undefined;
  let dir: string;
  let out: string;
  let keyId: string;
  let status: number | null;
  let stderr: string;
  const open: RecordingPage[] = [];

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    dir = mkdtempSync(join(tmpdir(), 'dpsc-certification-html-'));
    const keys = generateKeyPairSync('ed25519');
    keyId = keyIdOf(keys.publicKey);
    writeFileSync(join(dir, 'key.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'key.pub.pem'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, 'declare.json'), JSON.stringify({
      implementation: { name: 'dps-conformance-reference-device', version: packageVersion, homepage: 'https://acme.example/fw' },
      dialects: ['ga'],
      transports: ['https'],
      attestations: ['symmetricKey'],
    }));
    writeFileSync(join(dir, 'waivers.json'), JSON.stringify({
      version: 1,
      waivers: [
        { checkId: 'device.returnData.fidelity', caseId: 'pnp-model-id', reason: 'ACME-1234: returned data dropped; fix in 4.3', expires: '2099-12-31' },
        { checkId: 'device.returnData.fragmented', caseId: 'pnp-model-id', reason: 'ACME-1234: returned data dropped; fix in 4.3', expires: '2099-12-31' },
        { checkId: 'device.data.sent', reason: 'ACME-77: old parser', expires: '2001-01-01' },
        { checkId: 'device.polling.retryAfter', reason: 'ACME-90: fixed in 4.1?', expires: '2099-12-31' },
      ],
    }));
    out = join(dir, 'report');
    const run = await runCliInProcess([
      'device', '--adapter', brokenDevice, '--transport', 'https', '--dialect', 'ga', '--case-ids', 'pnp-model-id',
      '--declare', join(dir, 'declare.json'), '--waivers', join(dir, 'waivers.json'), '--sign', join(dir, 'key.pem'),
      '--docs-url', 'https://acme.example/fw/conformance-notes', '--out', out, '--reporter', 'quiet',
    ], { timeoutMs: 150_000 });
    status = run.status;
    stderr = run.stderr;
  });

  after(async () => {
    for (const recording of open.splice(0)) await recording.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function openReport(): Promise<RecordingPage> {
    assert.ok(browser);
    const recording = await openRecording(browser, pathToFileURL(join(out, 'report.html')).href, { width: 1400 });
    open.push(recording);
    return recording;
  }

  it("passes with the one defect's two failures waived, warns of the expired and unused waivers on stderr, and the signature verifies", async () => {
    assert.equal(status, 0, stderr.slice(-2000));
    assert.match(stderr, /warning: waiver for device\.data\.sent expired on 2001-01-01/);
    assert.match(stderr, /warning: waiver for device\.polling\.retryAfter matched no failed or errored result/);
    const verify = await runCliInProcess(['verify-report', join(out, 'attestation.json'), '--public-key', join(dir, 'key.pub.pem')]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  });

  it('opens with what was declared, that ctrf.json is signed and with which key, and what the waivers did', async () => {
    const { page } = await openReport();
    const certification = page.locator('#certification');
    assert.ok(await certification.isVisible());
    const text = await certification.innerText();
    assert.match(text, new RegExp(`declared\\s+dps-conformance-reference-device ${packageVersion.replace(/\./g, '\\.')} \\(dialects ga; transports https; attestations symmetricKey\\)`));
    assert.ok(await certification.locator('a[href="https://acme.example/fw"]').isVisible(), 'the declared homepage is linked');
    assert.ok(text.includes(`ctrf.json is signed (attestation.json) with key ${keyId}`), text);
    assert.match(text, /npx dps-conformance verify-report attestation\.json --public-key/);
    assert.match(text, /4 waivers given; 2 results waived/);
    assert.match(text, /waiver for device\.data\.sent expired on 2001-01-01 and no longer applies \(ACME-77: old parser\)/);
    assert.match(text, /waiver for device\.polling\.retryAfter matched no failed or errored result: fixed\? then remove it/);
    const box = await certification.boundingBox();
    const headline = await page.locator('#headline').boundingBox();
    assert.ok(box && headline && box.y < headline.y, 'before the implementations');
  });

  it('shows the waived failures as WAIVED in a section of its own, never among the failures', async () => {
    const { page } = await openReport();
    assert.match(await page.locator('#verdict').innerText(), /PASS.* 0 failed, 0 errored, 2 waived/);
    assert.match(await page.locator('#failures').innerText(), /Failures by cause \(0 causes, 0 results\)/);
    const waived = page.locator('details.entry.waived', { hasText: 'device.returnData.fidelity' });
    assert.equal(await page.locator('details.entry.waived').count(), 2);
    const summary = waived.locator('summary');
    assert.match(await summary.innerText(), /^WAIVED FAILED MUST device\.returnData\.fidelity/);
    assert.ok((await waived.boundingBox())!.y > (await page.locator('#waived').boundingBox())!.y, 'under the Waived heading');
    await summary.click();
    assert.match(await waived.innerText(), /WAIVED until 2099-12-31: ACME-1234: returned data dropped; fix in 4\.3/);
    assert.match(await page.locator('#headline').innerText(), /no failures/);
  });

  it('links the implementation\'s own notes (--docs-url) from its row', async () => {
    const { page } = await openReport();
    const link = page.locator('#headline a.docs');
    assert.equal(await link.getAttribute('href'), 'https://acme.example/fw/conformance-notes');
  });

  it('says the same in summary.md, first thing after the verdict', () => {
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    const declared = md.indexOf('## Declared and signed');
    assert.ok(declared > 0 && declared < md.indexOf('## Verdict per implementation'));
    assert.ok(md.includes(`**signed:** ctrf.json is signed (attestation.json) with key ${keyId}`));
    assert.match(md, /⚠️ waiver for device\.data\.sent expired on 2001-01-01/);
    assert.match(md, /## Waived: accepted failures, not counted as failures \(2 causes, 2 results\)/);
    assert.doesNotMatch(md, /## Failures by cause/);
  });
});
