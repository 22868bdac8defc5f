import assert from 'node:assert/strict';
import { passRateChart } from '../../src/report/format/html-charts.js';

describe('passRateChart', () => {
  it('cuts a long label at a word boundary and gives it whole as the label\'s tooltip', () => {
    const svg = passRateChart([{ label: 'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client@2.1.3', percent: 50 }], 'MUST pass rate');
    assert.match(svg, />com\.microsoft\.azure\.sdk\.iot\.provisioning…</);
    assert.match(svg, /<title>com\.microsoft\.azure\.sdk\.iot\.provisioning:provisioning-device-client@2\.1\.3<\/title>/);
  });

  it('cuts a label with no word boundary after all, since the chart cannot grow, and keeps it whole in the tooltip', () => {
    const name = 'a'.repeat(70);
    const svg = passRateChart([{ label: name, percent: 100 }], 'MUST pass rate');
    assert.ok(svg.includes(`>${'a'.repeat(47)}…<`), svg);
    assert.ok(svg.includes(`<title>${name}</title>`), svg);
  });

  it('leaves a short label alone, with no tooltip', () => {
    const svg = passRateChart([{ label: 'reference-device 1.0.0', percent: undefined }], 'MUST pass rate');
    assert.match(svg, /text-anchor="end">reference-device 1\.0\.0</);
    assert.match(svg, />not run</);
  });
});
