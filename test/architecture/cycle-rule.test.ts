import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { packageRoot } from '../../src/meta/package-info.js';

/**
 * `import/no-cycle` as eslint-cycles.js configures it, run on fixture modules written to disk (the rule reads the
 * imported modules from disk). A rule that cannot resolve `./x.js` to `./x.ts` reports nothing at all, so a clean
 * lint proves nothing until this test has seen the rule fire.
 */
describe('cycle lint rule', function () {
  this.timeout(60_000);
  let eslint: ESLint;
  let dir: string;

  before(async () => {
    const { cycleConfig } = (await import(pathToFileURL(join(packageRoot, 'eslint-cycles.js')).href)) as { cycleConfig: Linter.Config };
    eslint = new ESLint({
      cwd: packageRoot,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, cycleConfig],
    });
    // inside the package (ESLint lints nothing outside its cwd); test-artifacts/ is ignored by the project's own lint
    await mkdir(join(packageRoot, 'test-artifacts'), { recursive: true });
    dir = await mkdtemp(join(packageRoot, 'test-artifacts', 'import-cycle-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the modules into a fresh folder and returns the no-cycle messages per module. */
  async function cycleErrors(name: string, modules: Record<string, string>): Promise<Record<string, string[]>> {
    const folder = join(dir, name);
    await mkdir(folder, { recursive: true });
    for (const [file, code] of Object.entries(modules)) await writeFile(join(folder, file), code);
    const results = await eslint.lintFiles(Object.keys(modules).map((file) => relative(packageRoot, join(folder, file))));
    const errors: Record<string, string[]> = {};
    for (const result of results) {
      assert.deepEqual(result.messages.filter((m) => m.fatal === true), [], 'the fixture must parse');
      errors[relative(folder, result.filePath)] = result.messages.filter((m) => m.ruleId === 'import/no-cycle').map((m) => m.message);
    }
    return errors;
  }

  it('fails on two modules importing each other through .js-suffixed paths', async () => {
    const errors = await cycleErrors('pair', {
      'a.ts': "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "import { a } from './a.js';\nexport const b = (): number => a() + 1;\n",
    });
    assert.equal(errors['a.ts']?.length, 1, JSON.stringify(errors));
    assert.equal(errors['b.ts']?.length, 1, JSON.stringify(errors));
    assert.match(errors['a.ts']?.[0] ?? '', /cycle/i);
  });

  it('fails on a longer cycle and on one closed by a lazy import()', async () => {
    const errors = await cycleErrors('ring', {
      'first.ts': "import { second } from './second.js';\nexport const first = (): number => second();\n",
      'second.ts': "import { third } from './third.js';\nexport const second = (): number => third();\n",
      'third.ts': "export const third = async (): Promise<number> => (await import('./first.js')).first();\n",
    });
    for (const file of ['first.ts', 'second.ts', 'third.ts']) assert.equal(errors[file]?.length, 1, `${file}: ${JSON.stringify(errors)}`);
  });

  it('passes a command laid out as src/cli/commands are: define -> options, define -> handler (lazily), handler -> options', async () => {
    const errors = await cycleErrors('one-way', {
      'options.ts': 'export interface Options { name: string }\nexport const defaults: Options = { name: "x" };\n',
      'define.ts': "import { defaults } from './options.js';\nexport const load = () => import('./handler.js');\nexport const name = defaults.name;\n",
      'handler.ts': "import type { Options } from './options.js';\nexport const handle = (options: Options): number => options.name.length;\n",
    });
    assert.deepEqual(errors, { 'options.ts': [], 'define.ts': [], 'handler.ts': [] });
  });
});
