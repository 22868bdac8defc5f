import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readActionInputs } from '../../src/cli/action/action-inputs.js';
import { ACTION_COMMANDS } from '../../src/cli/action/action-commands.js';
import { signReportDir } from '../../src/certify/sign-results.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runAction, type ActionIo } from '../../src/cli/action/run-action.js';
import { writeReportSet } from '../../src/report/write-report-set.js';
import { countOutcomes } from '../../src/results/summarise-results.js';
import { fakeRunInfo } from '../report-html/fake-results.js';
import { fiveImplementations } from '../report-html/five-implementations.js';

/** The Action's own output captured, the harness's piped into it: nothing reaches the test's stdout. */
function quiet(): ActionIo & { text: () => string } {
  let text = '';
  const sink = { write: (chunk: string): boolean => ((text += chunk), true) };
  return { stdout: sink, stderr: sink, harnessOutput: 'pipe', text: () => text };
}

/** `name=value` lines of a GITHUB_OUTPUT file, as Actions reads them (no multi-line values here). */
function parseOutputs(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('the GitHub Action script (action.yml), with the files Actions gives a step', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-action-'));
    await writeFile(join(dir, 'output.txt'), '');
    await writeFile(join(dir, 'summary.md'), 'an earlier step\n');
    // what the runner sets for a step, plus the inputs action.yml passes
    env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_OUTPUT: join(dir, 'output.txt'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads inputs as Actions names them, one argument per line', () => {
    const inputs = readActionInputs({ INPUT_COMMAND: 'report merge', INPUT_ARGS: 'a b/\n\n  c/ \n', 'INPUT_FAIL-ON-FAILURE': 'false' });
    assert.deepEqual(inputs, { command: ['report', 'merge'], args: ['a b/', 'c/'], out: 'conformance-report', failOnFailure: false });
    assert.equal(readActionInputs({ INPUT_FAIL_ON_FAILURE: 'true' }).failOnFailure, true);
    assert.deepEqual(readActionInputs({}).command, ['run']);
  });

  it('runs the harness, sets verdict and counts as outputs, writes summary.md once to the job summary', async () => {
    const shard = join(dir, 'shard-1');
    const results = fiveImplementations();
    await writeReportSet(shard, results, fakeRunInfo, { stepSummary: false });
    const run = runAction({ ...env, INPUT_COMMAND: 'report merge', INPUT_ARGS: shard, INPUT_OUT: 'merged' }, dir, quiet());
    assert.equal(run.exitCode, 1, 'a MUST failed: the step fails');
    const outputs = parseOutputs(await readFile(join(dir, 'output.txt'), 'utf8'));
    const counts = countOutcomes(results);
    assert.deepEqual(outputs, {
      verdict: 'fail', 'exit-code': '1', 'report-dir': join(dir, 'merged'), total: String(counts.total), passed: String(counts.passed),
      failed: String(counts.failed), errored: String(counts.errored), skipped: String(counts.skipped), blocking: String(counts.blocking),
      'report-html': join(dir, 'merged', 'report.html'),
    });
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    assert.match(summary, /^an earlier step\n# dps-conformance \w+: ❌ FAIL\n/);
    assert.equal(summary.split('\n# dps-conformance ').length, 2, 'written once, not also by the harness');
  });

  it('with fail-on-failure false, succeeds and still says fail', async () => {
    const shard = join(dir, 'shard-1');
    await writeReportSet(shard, fiveImplementations(), fakeRunInfo, { stepSummary: false });
    const run = runAction({ ...env, INPUT_COMMAND: 'report merge', INPUT_ARGS: shard, INPUT_OUT: 'merged', INPUT_FAIL_ON_FAILURE: 'false' }, dir, quiet());
    assert.equal(run.exitCode, 0);
    assert.equal(run.outputs.verdict, 'fail');
  });

  it('with fail-on-failure false, still fails on a harness error (exit 2)', () => {
    const run = runAction({ ...env, INPUT_COMMAND: 'report merge', INPUT_ARGS: join(dir, 'no-such-dir'), INPUT_OUT: 'merged', INPUT_FAIL_ON_FAILURE: 'false' }, dir, quiet());
    assert.equal(run.exitCode, 2);
    assert.equal(run.outputs.verdict, 'error');
  });

  it('says error, with the harness message, when the harness exits 2', async () => {
    const run = runAction({ ...env, INPUT_COMMAND: 'report merge', INPUT_ARGS: join(dir, 'no-such-dir'), INPUT_OUT: 'merged' }, dir, quiet());
    assert.equal(run.exitCode, 2);
    const outputs = parseOutputs(await readFile(join(dir, 'output.txt'), 'utf8'));
    assert.equal(outputs.verdict, 'error');
    assert.equal(outputs.total, undefined, 'no counts without a report');
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    assert.match(summary, /# dps-conformance report merge: error \(exit 2\)/);
    assert.match(summary, /no-such-dir/);
  });
});

/**
 * Every command action.yml lists, through the Action's entry point as a job step runs it (the built
 * CLI as a process, the files Actions gives a step): each works, sets its outputs, and writes the job
 * summary once.
 */
describe('the GitHub Action runs every command it lists', function () {
  this.timeout(600_000);
  let dir: string;
  // the webhook in a process of its own, as a job's service would be: the Action's step blocks this one while the harness runs
  let webhook: ChildProcess;
  let webhookUrl: string;
  const keys = generateKeyPairSync('ed25519');
  const ran = new Set<string>();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-action-commands-'));
    webhook = spawn(process.execPath, [join(repoRoot, 'dist', 'implementations', 'reference-webhook', 'main.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    webhookUrl = await new Promise<string>((resolve, reject) => {
      let seen = '';
      webhook.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const url = /listening on (\S+)/.exec(seen)?.[1];
        if (url) resolve(url);
      });
      webhook.once('exit', (code) => reject(new Error(`the reference webhook exited (${String(code)}) before listening`)));
    });
    await writeFile(join(dir, 'key.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(join(dir, 'key.pub.pem'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
  });
  after(async () => {
    webhook.kill();
    await rm(dir, { recursive: true, force: true });
  });

  /** One job step: the Action with these inputs, in a fresh summary and outputs file. */
  interface Step {
    run: ReturnType<typeof runAction>;
    outputs: Record<string, string>;
    summary: string;
    log: string;
  }

  async function step(command: string, args: readonly string[], out: string, cwd = repoRoot): Promise<Step> {
    ran.add(command);
    const files = await mkdtemp(join(dir, 'step-'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_OUTPUT: join(files, 'output.txt'), GITHUB_STEP_SUMMARY: join(files, 'summary.md') };
    await writeFile(env.GITHUB_OUTPUT, '');
    await writeFile(env.GITHUB_STEP_SUMMARY, '');
    const io = quiet();
    const run = runAction({ ...env, INPUT_COMMAND: command, INPUT_ARGS: args.join('\n'), INPUT_OUT: out }, cwd, io);
    return { run, outputs: parseOutputs(await readFile(env.GITHUB_OUTPUT, 'utf8')), summary: await readFile(env.GITHUB_STEP_SUMMARY, 'utf8'), log: io.text() };
  }

  it('action.yml lists exactly the commands the Action runs', async () => {
    const yml = await readFile(join(repoRoot, 'action.yml'), 'utf8');
    const listed = /command:\n\s+description: "The command: ([^.(]+?) \(see/.exec(yml)?.[1]?.split(', ');
    assert.deepEqual(listed, ACTION_COMMANDS.map((c) => c.name));
  });

  it('action.yml keeps the job\'s Node.js when it is recent enough, and caches npm and the SDK installs', async () => {
    const yml = await readFile(join(repoRoot, 'action.yml'), 'utf8');
    assert.match(yml, /- if: steps\.node\.outputs\.recent != 'true'\n\s+uses: actions\/setup-node@v4/, 'setup-node only when the job has no recent Node.js');
    assert.match(yml, /uses: actions\/cache@v4\n\s+with:\n\s+path: ~\/\.npm/);
    assert.match(yml, /path: ~\/\.cache\/dps-conformance/);
    assert.match(yml, /npm ci --prefix "\$GITHUB_ACTION_PATH" [^\n]*--prefer-offline/);
  });

  it('action.yml\'s own shell steps (the Node.js check, the cache key) run and write their outputs', async () => {
    const yml = await readFile(join(repoRoot, 'action.yml'), 'utf8');
    const runOf = (id: string): string => {
      const line = new RegExp(`- id: ${id}\\n(?:\\s+(?!- )[^\\n]*\\n)*?\\s+run: ([^\\n]+)`).exec(yml)?.[1];
      assert.ok(line, `a step with id ${id}`);
      return line;
    };
    const stepOutputs = async (actionPath: string, ids: readonly string[]): Promise<Record<string, string>> => {
      const output = join(await mkdtemp(join(dir, 'yml-steps-')), 'output.txt');
      for (const id of ids) {
        const step = spawnSync('bash', ['-c', runOf(id)], { encoding: 'utf8', env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: output } });
        assert.equal(step.status, 0, step.stderr);
      }
      return parseOutputs(await readFile(output, 'utf8'));
    };
    const built = await stepOutputs(repoRoot, ['node', 'installed', 'lock']);
    assert.equal(built.recent, 'true', 'this Node.js (>= 20.19) is used as it is');
    assert.equal(built.done, 'true', 'a checkout already installed and built (a second use in the job) is not installed again');
    assert.match(built.hash ?? '', /^[0-9a-f]{20}$/, 'the npm cache key names the lock file');
    const fresh = await mkdtemp(join(dir, 'fresh-checkout-'));
    assert.equal((await stepOutputs(fresh, ['installed'])).done, 'false', 'a fresh checkout of the Action is installed');
  });

  it('run', async () => {
    const { run, outputs, summary } = await step('run', ['--implementations', 'reference-webhook', '--dialect', 'ga'], join(dir, 'run'));
    assert.equal(run.exitCode, 0, summary);
    assert.equal(outputs.verdict, 'pass');
    assert.ok(Number(outputs.total) > 100);
    assert.match(summary, /^# dps-conformance run: ✅ PASS/);
  });

  it('webhook', async () => {
    const { run, outputs, summary } = await step('webhook', ['--url', webhookUrl, '--dialect', 'ga'], join(dir, 'webhook'));
    assert.equal(run.exitCode, 0, summary);
    assert.equal(outputs['report-html'], join(dir, 'webhook', 'report.html'));
    assert.match(summary, /^# dps-conformance webhook: ✅ PASS/);
  });

  it('device', async () => {
    const adapter = `"${process.execPath}" "${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}"`;
    const { run, outputs, summary } = await step('device', ['--adapter', adapter, '--transport', 'https', '--dialect', 'ga', '--case-ids', 'data-flat'], join(dir, 'device'));
    assert.equal(run.exitCode, 0, summary);
    assert.equal(outputs.blocking, '0');
    assert.match(summary, /^# dps-conformance device: ✅ PASS/);
  });

  it('load', async () => {
    const { run, summary } = await step('load', ['--webhook', webhookUrl, '--rate', '5', '--duration', '1'], join(dir, 'load'));
    assert.equal(run.exitCode, 0, summary);
    assert.match(summary, /^# dps-conformance load: ✅ PASS/);
  });

  it('report merge', async () => {
    const { run, outputs, summary } = await step('report merge', [join(dir, 'webhook'), join(dir, 'device')], join(dir, 'merged'));
    assert.equal(run.exitCode, 0, summary);
    assert.equal(outputs.verdict, 'pass');
    assert.match(summary, /^# dps-conformance \w+: ✅ PASS/);
  });

  it('docs/ci.md\'s workflow: one repository name to replace, inputs the Action has, and its merge job works on downloaded artifacts', async () => {
    const doc = await readFile(join(repoRoot, 'docs', 'ci.md'), 'utf8');
    const workflow = /## A complete workflow[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    assert.ok(workflow.includes('jobs:'), 'the workflow block');
    assert.doesNotMatch(doc, /OWNER|YOUR-|@v1\b/, 'no other placeholder than the repository name');
    const uses = [...doc.matchAll(/uses: ([\w./-]+@[\w.-]+)/g)].map((m) => m[1] ?? '');
    assert.deepEqual([...new Set(uses.filter((u) => !u.startsWith('actions/')))], ['your-org/dps-conformance@v0.1.0']);
    // each use of the Action: its `with:` inputs, as Actions reads them (a `|` block is one argument per line)
    const actionInputs = [...(await readFile(join(repoRoot, 'action.yml'), 'utf8')).matchAll(/^ {2}([a-z-]+):\n {4}description/gm)].map((m) => m[1]);
    const steps: Record<string, string>[] = [];
    const lines = workflow.split('\n');
    lines.forEach((line, index) => {
      const indent = /^( *)uses: your-org\/dps-conformance@/.exec(line)?.[1]?.length;
      if (indent === undefined) return;
      assert.equal(lines[index + 1]?.trim(), 'with:');
      const inputs: Record<string, string> = {};
      let key = '';
      for (const next of lines.slice(index + 2)) {
        const depth = /^ */.exec(next)?.[0].length ?? 0;
        if (next.trim() === '' || depth <= indent) break;
        if (next.trim().startsWith('#')) continue;
        const pair = /^ *([a-z-]+): *(.*?)(?: +#.*)?$/.exec(next);
        if (depth === indent + 2 && pair) {
          key = pair[1] ?? '';
          inputs[key] = pair[2] === '|' ? '' : (pair[2] ?? '');
        } else inputs[key] = `${inputs[key] ?? ''}${next.trim()}\n`;
      }
      steps.push(inputs);
    });
    for (const inputs of steps) {
      for (const name of Object.keys(inputs)) assert.ok(actionInputs.includes(name), `${name} is an input of action.yml`);
      assert.ok(ACTION_COMMANDS.some((c) => c.name === inputs.command), inputs.command);
    }
    const merge = steps.find((s) => s.command === 'report merge');
    const diff = steps.find((s) => s.command === 'report diff');
    assert.ok(merge && diff);
    // the merge job in a workspace: artifacts as download-artifact lays them out, no baseline yet (the first run)
    const workspace = await mkdtemp(join(dir, 'workspace-'));
    await cp(join(dir, 'webhook'), join(workspace, 'reports', 'report-webhook'), { recursive: true });
    await cp(join(dir, 'device'), join(workspace, 'reports', 'report-acme-fw-1'), { recursive: true });
    const lines_ = (text: string | undefined): string[] => (text ?? '').split('\n').filter((l) => l !== '');
    const merged = await step(merge.command ?? '', lines_(merge.args), merge.out ?? '', workspace);
    assert.equal(merged.run.exitCode, 0, merged.log);
    assert.match(merged.log, /merged 2 reports/);
    const first = await step(diff.command ?? '', lines_(diff.args), diff.out ?? '', workspace);
    assert.equal(first.run.exitCode, 0, first.log);
    assert.match(first.summary, /no baseline at [^\n]*baseline\/ctrf\.json yet[\s\S]*OK: no baseline yet/);
    // the next run: main's merged report downloaded as the baseline
    await cp(join(workspace, 'merged'), join(workspace, 'baseline'), { recursive: true });
    const next = await step(diff.command ?? '', lines_(diff.args), diff.out ?? '', workspace);
    assert.equal(next.run.exitCode, 0, next.log);
    assert.match(await readFile(join(workspace, 'merged', 'report-diff.txt'), 'utf8'), /\nOK: 0 new failures/);
  });

  it('report diff: prints its answer into the report directory and the job summary (no --out)', async () => {
    const { run, outputs, summary, log } = await step('report diff', [join(dir, 'merged'), join(dir, 'merged')], join(dir, 'diff'));
    assert.equal(run.exitCode, 0, log);
    assert.equal(outputs.verdict, 'pass');
    assert.equal(outputs.printed, join(dir, 'diff', 'report-diff.txt'));
    assert.match(await readFile(join(dir, 'diff', 'report-diff.txt'), 'utf8'), /\nOK: 0 new failures/);
    assert.match(summary, /^# dps-conformance report diff: ✅ OK\n\n```text\nbase: /);
  });

  it('report diff with no baseline yet: says how to make one (exit 2), or passes when told to', async () => {
    const missing = join(dir, 'baseline', 'ctrf.json');
    const first = await step('report diff', [missing, join(dir, 'merged')], join(dir, 'diff-missing'));
    assert.equal(first.run.exitCode, 2);
    assert.match(first.summary, /no baseline at [^\n]*baseline\/ctrf\.json yet/);
    assert.match(first.summary, /--allow-missing-baseline/);
    const allowed = await step('report diff', [missing, join(dir, 'merged'), '--allow-missing-baseline'], join(dir, 'diff-allowed'));
    assert.equal(allowed.run.exitCode, 0, allowed.log);
    assert.match(allowed.summary, /copy [^\n]*merged\/ctrf\.json to [^\n]*baseline\/ctrf\.json/);
    assert.match(allowed.summary, /OK: no baseline yet/);
  });

  it('verify-report', async () => {
    const signed = join(dir, 'signed');
    await writeReportSet(signed, fiveImplementations(), fakeRunInfo, { stepSummary: false });
    await signReportDir(signed, { runInfo: fakeRunInfo, privateKeyPem: keys.privateKey });
    const { run, outputs, summary, log } = await step('verify-report', [join(signed, 'attestation.json'), '--public-key', join(dir, 'key.pub.pem')], join(dir, 'verify'));
    assert.equal(run.exitCode, 0, log);
    assert.equal(outputs.verdict, 'pass');
    assert.match(summary, /^# dps-conformance verify-report: ✅ OK[\s\S]*VERIFIED: /);
  });

  it('refuses a command it does not list, saying which it runs', async () => {
    const { run, summary } = await step('emulate', [], join(dir, 'emulate'));
    assert.equal(run.exitCode, 2);
    assert.match(summary, /the Action runs one of: run, webhook, device, load, report merge, report diff, verify-report; got "emulate"/);
  });

  it('(every listed command was run above)', () => {
    for (const command of ACTION_COMMANDS) assert.ok(ran.has(command.name), command.name);
  });
});
