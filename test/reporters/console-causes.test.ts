import assert from 'node:assert/strict';
import { formatConsoleCauses, formatSkippedCounts } from '../../src/report/format/format-console-causes.js';
import { CRASH_LINE, fiveImplementations } from '../report-html/five-implementations.js';

describe('console: failures by cause, skipped as counts', () => {
  it('shows the crash of one transport as one cause with the crash line, not one line per result', () => {
    const lines = formatConsoleCauses(fiveImplementations());
    assert.equal(lines[0], 'Failures by cause (4 causes, 101 results; ✗ blocks the verdict, ! does not):');
    assert.equal(lines.length, 1 + 4 * 2, 'two lines per cause');
    const crash = lines.findIndex((l) => l.includes('× 90'));
    assert.match(lines[crash] ?? '', /✗ MUST device\.\S+ \+14 checks × 90 · 6 cases · azure-iot-provisioning-device@1\.9\.1 · mqtt · ga/);
    assert.equal(lines[crash + 1], `      ${CRASH_LINE}`);
  });

  it('counts skipped results by reason', () => {
    assert.deepEqual(formatSkippedCounts(fiveImplementations()), ['skipped: 90 (90 transport amqp is not served by the emulator; --reporter verbose lists them)']);
    assert.deepEqual(formatSkippedCounts([]), []);
  });
});
