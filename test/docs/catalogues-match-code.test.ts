import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.js';
import { DEVICE_CHECKS } from '../../suites/device/device-checks.js';
import { EMULATED_TRANSPORTS } from '../../suites/device/plan-device-run.js';

/**
 * The lists the docs hold that the code also holds. The webhook catalogue has its own test
 * (test/webhook/catalogue.test.ts); the rules a writer follows are in LANDED.md and below.
 */

function read(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

/** The rows of the table under a `## heading` (until the next heading): their cells, trimmed. */
export function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2} /.test(line)) break;
    if (!line.startsWith('|') || /^\|\s*-+/.test(line)) continue;
    rows.push(line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()));
  }
  return rows.slice(1);
}

/** A catalogue row's id and level: a backticked dotted id in the first cell, MUST or SHOULD first in the second. */
function checkRows(markdown: string, heading: string): string[] {
  return tableUnder(markdown, heading).flatMap((cells) => {
    const id = /^`([a-z0-9]+(?:\.[A-Za-z0-9]+)+)`$/.exec(cells[0] ?? '')?.[1];
    const level = /^(MUST|SHOULD)\b/.exec(cells[1] ?? '')?.[1];
    return id ? [`${id} ${level ?? '(no level)'}`] : [];
  });
}

describe('the catalogues and ARCHITECTURE.md hold the lists the code holds', () => {
  const deviceCatalogue = read('suites/device/CHECKS.md');

  it('suites/device/CHECKS.md "## Checks": every device check, with its level, and no other', () => {
    const documented = checkRows(deviceCatalogue, 'Checks').sort();
    const code = Object.values(DEVICE_CHECKS).map((c) => `${c.id} ${c.level}`).sort();
    assert.deepEqual(documented, code);
  });

  it('suites/device/CHECKS.md "## Transports": every transport the emulator serves, and no other', () => {
    const documented = tableUnder(deviceCatalogue, 'Transports').map((cells) => /^`([a-z-]+)`$/.exec(cells[0] ?? '')?.[1] ?? cells[0]);
    assert.deepEqual(documented.sort(), [...EMULATED_TRANSPORTS].sort());
  });

  it('ARCHITECTURE.md names every folder of src/ and suites/ (as `src/NAME/` or a path inside it)', () => {
    const architecture = read('ARCHITECTURE.md');
    const folders = ['src', 'suites'].flatMap((top) =>
      readdirSync(join(repoRoot, top), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${top}/${entry.name}/`),
    );
    assert.deepEqual(folders.filter((folder) => !architecture.includes(folder)), []);
  });

  it('reads a table the way the tests above rely on (a heading, a header row, a separator, rows)', () => {
    const markdown = '# t\n\n## Checks\n\n| id | level |\n| --- | --- |\n| `a.b` | MUST (mqtt) |\n| `c.d.e` | SHOULD |\n| prose | x |\n\n## Other\n\n| `x.y` | MUST |\n';
    assert.deepEqual(checkRows(markdown, 'Checks'), ['a.b MUST', 'c.d.e SHOULD']);
    assert.deepEqual(tableUnder(markdown, 'Missing'), []);
  });
});
