import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const KEY = 'export-test-function-key-7f3a';

/** The export alone; the exported scenario run under Artillery is load-export-artillery.external.test.ts. */
describe('load --export artillery (the files written)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the scenario without the function key, and refuses a wrong engine or a missing directory', async () => {
    const written = await runCliInProcess(['load', '--webhook', `http://127.0.0.1:9/api/allocate?code=${KEY}`, '--rate', '5', '--export', 'artillery', dir]);
    assert.equal(written.status, 0, written.stderr);
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, ['dpsc-load-mix.json', 'dpsc-load-processor.cjs', 'dpsc-load.yml']);
    for (const file of files) assert.ok(!(await readFile(join(dir, file), 'utf8')).includes(KEY), `${file} holds the function key`);
    assert.ok(!written.stdout.includes(KEY) && !written.stderr.includes(KEY), 'the key was echoed');
    assert.match(await readFile(join(dir, 'dpsc-load.yml'), 'utf8'), /arrivalRate: 5\n/);
    const wrongEngine = await runCliInProcess(['load', '--webhook', 'http://127.0.0.1:9/', '--rate', '5', '--export', 'gatling', dir]);
    assert.equal(wrongEngine.status, 2);
    assert.match(wrongEngine.stderr, /unknown engine "gatling"/);
    const noDir = await runCliInProcess(['load', '--webhook', 'http://127.0.0.1:9/', '--rate', '5', '--export', 'artillery']);
    assert.equal(noDir.status, 2);
    assert.match(noDir.stderr, /--export takes an engine and a directory/);
  });
});
