import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUserCases } from '../../suites/webhook/load-user-cases.js';

describe('user cases (--cases) keep device data exact', () => {
  it('sends integers beyond 2^53 with every digit the file gave', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dpsc-user-exact-')), 'cases.json');
    writeFileSync(
      path,
      '{"version": 1, "cases": [{"id": "big", "dialect": "ga", "data": {"serial": 12345678901234567890123, "ratio": 1.5e300}, "expect": {"iotHubHostName": "dpsc-hub-1.azure-devices.net"}}]}',
    );
    const [planned] = loadUserCases(path, ['ga'], 'http://127.0.0.1:1/api');
    assert.ok(planned?.request, 'the case is planned');
    assert.match(planned.request.text, /"serial":12345678901234567890123\b/);
    assert.doesNotMatch(planned.request.text, /1\.2345678901234568e\+22/);
  });
});
