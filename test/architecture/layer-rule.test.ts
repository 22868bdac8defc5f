import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { packageRoot } from '../../src/meta/package-info.js';

/** The lint rule that keeps imports pointing one way (eslint-layers.js), run on code that is not in the tree. */
describe('layer lint rule', function () {
  this.timeout(60_000);
  let eslint: ESLint;

  before(async () => {
    const { layerConfig } = (await import(pathToFileURL(join(packageRoot, 'eslint-layers.js')).href)) as { layerConfig: Linter.Config };
    eslint = new ESLint({
      cwd: packageRoot,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, layerConfig],
    });
  });

  async function layerErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(packageRoot, filePath) });
    assert.ok(result);
    const fatal = result.messages.filter((m) => m.fatal === true);
    assert.deepEqual(fatal, [], 'the fixture must parse');
    return result.messages.filter((m) => m.ruleId === 'import/no-restricted-paths').map((m) => m.message);
  }

  const upward: [string, string, string][] = [
    ['a core module importing src/cli', 'src/http/upward.ts', "import { main } from '../cli/main.js';\nvoid main;\n"],
    ['a core module importing a suite', 'src/emulator/upward.ts', "import { loadCorpus } from '../../suites/corpus/load-corpus.js';\nvoid loadCorpus;\n"],
    ['a core module importing a reporter', 'src/runner/upward.ts', "import type { ConsoleMode } from '../../reporters/console-view.js';\nexport type M = ConsoleMode;\n"],
    ['a core module importing an implementation (dynamic import)', 'src/load/upward.ts',
      "export const w = () => import('../../implementations/reference-webhook/start-reference-webhook.js');\n"],
    ['a reporter importing src/cli', 'reporters/upward.ts', "import { main } from '../src/cli/main.js';\nvoid main;\n"],
    ['a suite importing a reporter', 'suites/webhook/upward.ts', "import type { ConsoleMode } from '../../reporters/console-view.js';\nexport type M = ConsoleMode;\n"],
    ['an implementation importing a harness module', 'implementations/reference-webhook/upward.ts',
      "import { minifyJson } from '../../src/json/raw-json-member.js';\nvoid minifyJson;\n"],
  ];
  for (const [what, file, code] of upward) {
    it(`fails on ${what}`, async () => {
      const errors = await layerErrors(file, code);
      assert.equal(errors.length, 1, `expected one layer error, got ${JSON.stringify(errors)}`);
      assert.match(errors[0] ?? '', /ARCHITECTURE\.md|test or bench/);
    });
  }

  const downward: [string, string, string][] = [
    ['src/cli importing a suite and the core', 'src/cli/downward.ts',
      "import { loadCorpus } from '../../suites/corpus/load-corpus.js';\nimport { minifyJson } from '../json/raw-json-member.js';\nvoid loadCorpus;\nvoid minifyJson;\n"],
    ['a suite importing the core', 'suites/webhook/downward.ts', "import { minifyJson } from '../../src/json/raw-json-member.js';\nvoid minifyJson;\n"],
    ['a test importing anything', 'test/downward.ts', "import { main } from '../src/cli/main.js';\nvoid main;\n"],
  ];
  for (const [what, file, code] of downward) {
    it(`passes ${what}`, async () => {
      assert.deepEqual(await layerErrors(file, code), []);
    });
  }
});
