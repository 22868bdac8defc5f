import assert from 'node:assert/strict';
import { formatConsoleSummary } from '../../src/report/format/format-console-summary.js';
import { formatHtml } from '../../src/report/format/format-html.js';
import { formatMarkdown } from '../../src/report/format/format-markdown.js';
import { PREVIEW_WEBHOOK_NOTE } from '../../src/report/format/dialect-notes.js';
import { result, runInfo } from './sample-results.js';

const webhook = { checkId: 'webhook.response.hub', transport: 'http' as const, implementation: { name: 'http://127.0.0.1:7071/api/allocate' } };
const reports = (results: ReturnType<typeof result>[]): Record<string, string> => ({
  console: formatConsoleSummary(results, runInfo),
  'summary.md': formatMarkdown(results, runInfo),
  'report.html': formatHtml(results, runInfo),
});

describe('reports say what the preview webhook request is', () => {
  it('every human report of a webhook judged in preview carries the note', () => {
    for (const [name, text] of Object.entries(reports([result({ ...webhook, dialect: 'ga' }), result({ ...webhook, dialect: 'preview' })]))) {
      assert.ok(text.includes('model of the 2019 preview, not a documented DPS shape'), name);
    }
    assert.match(PREVIEW_WEBHOOK_NOTE, /deviceRuntimeContext\.data/);
  });

  it('no note for a ga-only webhook run, nor for a device judged in preview (its request is documented by the preview page)', () => {
    for (const results of [[result({ ...webhook, dialect: 'ga' })], [result({ dialect: 'preview' })]]) {
      for (const [name, text] of Object.entries(reports(results))) assert.ok(!text.includes('model of the 2019 preview'), name);
    }
  });
});
