import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCtrf } from '../../report/format/parse-ctrf.js';
import { countOutcomes } from '../../results/summarise-results.js';
import { packagePath } from '../../meta/package-info.js';
import { readActionInputs, type ActionInputs } from './action-inputs.js';
import { ACTION_COMMANDS, type ActionCommand } from './action-commands.js';
import { appendStepSummary, writeOutputs } from './github-files.js';

/** What one run of the Action did: its outputs, and the status the step exits with. */
export interface ActionRun {
  exitCode: number;
  outputs: Record<string, string | number>;
}

const VERDICT: Record<number, string> = { 0: 'pass', 1: 'fail' };

function fenced(text: string): string {
  const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return `${fence}text\n${text.trimEnd()}\n${fence}`;
}

function firstLines(text: string): string {
  const lines = text.trim().split('\n').slice(0, 5).join('\n');
  return lines ? fenced(lines) : 'The harness wrote no message.';
}

/** The outputs of a command that writes the report set (counts from its ctrf.json). */
function reportSetOutputs(out: string): Record<string, string | number> {
  const ctrf = join(out, 'ctrf.json');
  if (!existsSync(ctrf)) return {};
  const counts = countOutcomes(parseCtrf(readFileSync(ctrf, 'utf8')).results);
  return {
    total: counts.total, passed: counts.passed, failed: counts.failed, errored: counts.errored, skipped: counts.skipped,
    blocking: counts.blocking, 'report-html': join(out, 'report.html'),
  };
}

/** The job summary of a command that prints its answer (report diff, verify-report): a heading and the text it printed. */
function printedSummary(command: ActionCommand, status: number, stdout: string): string {
  const word = status === 0 ? 'OK' : status === 1 ? 'FAIL' : 'error';
  return `# dps-conformance ${command.name}: ${status === 0 ? '✅' : '❌'} ${word}\n\n${fenced(stdout || '(no output)')}\n`;
}

/** Where the Action's own output goes; tests capture it instead of the job log. */
export interface ActionIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** `inherit`: the harness writes to the job log as it goes (progress of a long run); `pipe`: through `stdout` */
  harnessOutput: 'inherit' | 'pipe';
}

const PROCESS_IO: ActionIo = { stdout: process.stdout, stderr: process.stderr, harnessOutput: 'inherit' };

/**
 * The GitHub Action (action.yml): runs the harness with the inputs, then sets the outputs (verdict,
 * counts, where the reports are) and writes the job summary once. A command that writes the report set
 * (`run`, `webhook`, `device`, `load`, `report merge`) gets `--out` and its summary.md goes to the job
 * summary; one that prints its answer (`report diff`, `verify-report`) takes no `--out`: what it printed
 * is saved in the report directory (so the artifact holds it) and shown in the job summary. The
 * harness itself does not append to the summary here (its GITHUB_STEP_SUMMARY is unset).
 */
export function runAction(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), io: ActionIo = PROCESS_IO): ActionRun {
  const inputs: ActionInputs = readActionInputs(env);
  const out = resolve(cwd, inputs.out);
  const name = inputs.command.join(' ');
  const command = ACTION_COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    const message = `the Action runs one of: ${ACTION_COMMANDS.map((c) => c.name).join(', ')}; got "${name}"`;
    io.stderr.write(`dps-conformance: ${message}\n`);
    writeOutputs(env.GITHUB_OUTPUT, { verdict: 'error', 'exit-code': 2 });
    appendStepSummary(env.GITHUB_STEP_SUMMARY, `# dps-conformance ${name}: error (exit 2)\n\n${fenced(message)}\n`);
    return { exitCode: 2, outputs: { verdict: 'error', 'exit-code': 2 } };
  }
  const argv = [packagePath('bin', 'dps-conformance.js'), ...inputs.command, ...inputs.args, ...(command.writesReportSet ? ['--out', out] : [])];
  const childEnv = { ...env };
  delete childEnv.GITHUB_STEP_SUMMARY;
  const stdoutMode = command.writesReportSet ? io.harnessOutput : 'pipe';
  const child = spawnSync(process.execPath, argv, { cwd, env: childEnv, stdio: ['ignore', stdoutMode, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const stderr = child.stderr ?? '';
  const stdout = child.stdout ?? '';
  if (stdout) io.stdout.write(stdout);
  if (stderr) io.stderr.write(stderr);
  const status = child.status ?? 2;
  const outputs: Record<string, string | number> = { verdict: VERDICT[status] ?? 'error', 'exit-code': status, 'report-dir': out };
  if (command.writesReportSet) {
    if (status !== 2) Object.assign(outputs, reportSetOutputs(out));
    const summary = join(out, 'summary.md');
    if (status !== 2 && existsSync(summary)) appendStepSummary(env.GITHUB_STEP_SUMMARY, readFileSync(summary, 'utf8'));
    else appendStepSummary(env.GITHUB_STEP_SUMMARY, `# dps-conformance ${name}: error (exit ${status})\n\n${firstLines(stderr)}\n`);
  } else {
    // what it printed is its report: kept in the report directory (the uploaded artifact) and shown in the job summary
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, command.printedFile), `${stdout}${status === 2 ? stderr : ''}`);
    outputs['printed'] = join(out, command.printedFile);
    appendStepSummary(env.GITHUB_STEP_SUMMARY, status === 2 ? `# dps-conformance ${name}: error (exit 2)\n\n${firstLines(stderr)}\n` : printedSummary(command, status, stdout));
  }
  writeOutputs(env.GITHUB_OUTPUT, outputs);
  // fail-on-failure: false forgives a verdict (exit 1), never an error: a broken configuration must not pass silently
  return { exitCode: status === 1 && !inputs.failOnFailure ? 0 : status, outputs };
}

// run as the Action's step: `node dist/src/cli/action/run-action.js`
if (process.argv[1] && resolve(process.argv[1]) === resolve(packagePath('dist', 'src', 'cli', 'action', 'run-action.js'))) {
  process.exitCode = runAction().exitCode;
}
