import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { namedPaths, pathExists, readRepository } from './doc-paths.js';

/** A small repository in a temporary folder: the files given, with their text. */
function fakeRepository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dpsc-doc-paths-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The paths a document names that do not exist, as written. */
function missing(root: string, doc: string): string[] {
  const repository = readRepository(root);
  return namedPaths(root, doc, repository)
    .filter((named) => !pathExists(repository, named))
    .map((named) => named.text);
}

describe('the doc test rules (doc-paths.ts)', () => {
  let root: string;
  before(() => {
    root = fakeRepository({
      '.gitignore': 'node_modules/\nbench/results.json\n*.log\n',
      'src/http/bounded-request.ts': '',
      'src/cli/commands/load/corpus-mix.ts': '',
      'suites/device/device-checks.ts': '',
      'suites/device/checks/request-checks.ts': '',
      'schemas/ga/allocation-response.schema.json': '',
      'bench/run-bench.ts': '',
      'package.json': '{}',
      'docs/topic.md': '',
      'docs/protocol/other.md': '',
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds a renamed or deleted file named from the root, in a link, and by its bare name in ARCHITECTURE.md', () => {
    writeFileSync(
      join(root, 'ARCHITECTURE.md'),
      [
        'The client (`src/http/keep-alive-http-client.ts`) and [the topic](docs/gone.md).',
        'See `load/corpus-mix.ts`, `bounded-request.ts` and `redact-secrets.ts`.',
        '```sh',
        'node dist/src/http/gone.js',
        '```',
      ].join('\n'),
    );
    assert.deepEqual(missing(root, 'ARCHITECTURE.md').sort(), ['dist/src/http/gone.js', 'docs/gone.md', 'redact-secrets.ts', 'src/http/keep-alive-http-client.ts']);
  });

  it('accepts what exists: patterns, placeholders, folders, compiled names, anchors, links from a sub-folder', () => {
    writeFileSync(
      join(root, 'docs', 'topic.md'),
      [
        '`schemas/<dialect>/allocation-response.schema.json`, `suites/*/checks/*.ts`, `src/**/corpus-mix.ts`, `src/http/`,',
        '`dist/bench/run-bench.js`, `package.json`, `docs/protocol/other.md#a-heading`, [other](protocol/other.md#x),',
        '[up](../package.json), `suites/device/device-checks.js` (the compiled name of a .ts file).',
      ].join('\n'),
    );
    assert.deepEqual(missing(root, 'docs/topic.md'), []);
  });

  it("leaves alone what is not this repository's: outputs, the reader's paths, URLs, other projects' bare names", () => {
    writeFileSync(
      join(root, 'docs', 'topic.md'),
      [
        '`bench/results.json` and `run.log` (outputs), `./conformance-report/ctrf.json`, `~/.cache/x`, `/tmp/x`,',
        '[a site](https://example.org/a.md), `$OUT/src/x.ts`, `src/.../define.ts`, `amqp.ts` of the Node SDK,',
        '```',
        'python3 my_adapter.py',
        '```',
      ].join('\n'),
    );
    assert.deepEqual(missing(root, 'docs/topic.md'), []);
  });

  it('does not read a code span as a link', () => {
    writeFileSync(join(root, 'docs', 'topic.md'), 'The pattern `[A-Za-z0-9-](?:[a-z]*)` is not a link.\n');
    assert.deepEqual(missing(root, 'docs/topic.md'), []);
  });
});
