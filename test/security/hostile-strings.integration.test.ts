import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

/** Markup, table, code, CDATA, NUL and terminal-control breakouts in one string. */
const HOSTILE = '<script>alert("dpsc")</script>|col|`tick`]]><![CDATA[x]]>\u0000\u001b[2J<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert("dpsc")</script>';

/**
 * A webhook that puts hostile strings in its hub name and payload, run through the built CLI: every
 * report file keeps them as text (escaped in HTML and Markdown, neutralised in JUnit XML, which must
 * still parse), and the console gets no terminal control characters from the target.
 */
describe('security: strings from an implementation are escaped in every report', function () {
  this.timeout(90_000);
  let server: Server;
  let url = '';
  let out = '';
  let run: Awaited<ReturnType<typeof runCliInProcess>>;
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body = JSON.stringify({ iotHubHostName: HOSTILE, payload: { note: HOSTILE }, initialTwin: { tags: { [HOSTILE]: HOSTILE } } });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/allocate`;
    out = mkdtempSync(join(tmpdir(), 'dpsc-hostile-strings-'));
    run = await runCliInProcess(['webhook', '--url', url, '--timeout', '3000', '--out', out], { timeoutMs: 80_000, env: { GITHUB_STEP_SUMMARY: '' } });
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(out, { recursive: true, force: true });
  });

  it('the run reports the hostile hub name as a failure (exit 1)', () => {
    assert.equal(run.status, 1, run.stderr);
    const ctrf = ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: Array<{ message: string; extra: Record<string, unknown> }> } };
    const hub = ctrf.results.tests.find((t) => t.extra['checkId'] === 'webhook.response.hub');
    assert.ok(hub?.message.includes(SCRIPT), `the hub result keeps the hostile text (as JSON text): ${hub?.message ?? 'none'}`);
  });

  it('report.html: no markup from the target, only its escaped text', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.ok(!html.includes(SCRIPT), 'raw <script> from the target');
    assert.ok(!html.includes('<img src=x'), 'raw <img> from the target');
    assert.ok(!html.includes('\u0000') && !html.includes('\u001b'), 'raw control characters');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;dpsc&quot;)&lt;/script&gt;') || html.includes('&lt;script&gt;alert(\\&quot;dpsc\\&quot;)&lt;/script&gt;'), 'the text is shown, escaped');
  });

  it('summary.md: no HTML, no table breakout, no code-span breakout from the target (fenced code blocks show it literally)', () => {
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    assert.ok(!md.includes('\u0000') && !md.includes('\u001b'), 'raw control characters');
    const fences = [...md.matchAll(/^(`{3,})[^\n]*\n([\s\S]*?)\n\1$/gm)];
    assert.ok(fences.length > 0, 'evidence is shown in fenced blocks');
    for (const [, fence = '', body = ''] of fences) {
      const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
      assert.ok(longest < fence.length, 'a backtick run inside a block as long as its fence would close it');
    }
    // outside fenced code blocks: no markup, and every pipe and backtick of the target is escaped
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
    assert.ok(prose.includes('&lt;script&gt;alert('), 'the hostile hub is shown in the failure lines, escaped');
    assert.ok(!prose.includes('<script') && !prose.includes('<img src=x'), 'raw markup from the target');
    assert.ok(!prose.includes('</script>|col|') && !/[^\\]\|col/.test(prose), 'an unescaped pipe would split a table cell');
    assert.ok(!/[^\\]`tick/.test(prose), 'an unescaped backtick opens a code span');
  });

  it('junit.xml: still well-formed XML, and the hostile text survives as text', () => {
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(!xml.includes('\u0000') && !xml.includes('\u001b'), 'characters XML 1.0 forbids');
    const parsed = JSON.stringify(new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true }).parse(xml));
    assert.ok(parsed.includes('<script>alert(\\"dpsc\\")</script>'), 'the hostile text survives as text after parsing');
  });

  it('the console: no terminal control characters from the target', () => {
    assert.ok(!run.stdout.includes('\u001b') && !run.stderr.includes('\u001b'), JSON.stringify(run.stdout.slice(0, 300)));
  });
});
