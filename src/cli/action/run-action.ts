import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCtrf } from '../../../src/report/format/parse-ctrf.js';
import { countOutcomes } from '../../results/summarise-results.js';
import { packagePath } from '../../meta/package-info.js';
import { readActionInputs, type ActionInputs } from './action-inputs.js';
import { appendStepSummary, writeOutputs } from './github-files.js';

/** What one run of the Action did: its outputs, and the status the step exits with. */
export interface ActionRun {
  exitCode: number;
  outputs: Record<string, string | number>;
}

const VERDICT: Record<number, string> = { 0: 'pass', 1: 'fail' };

/**
 * The GitHub Action (action.yml): runs the harness with the inputs, then sets the outputs (verdict,
 * counts, where the reports are) and writes summary.md to the job summary. The harness itself does not
 * append to the summary here (its GITHUB_STEP_SUMMARY is unset), so the summary is written once.
 */
export function runAction(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ActionRun {
  const inputs: ActionInputs = readActionInputs(env);
  const out = resolve(cwd, inputs.out);
  const argv = [packagePath('bin', 'dps-conformance.js'), ...inputs.command, ...inputs.args, '--out', out];
  const childEnv = { ...env };
  delete childEnv.GITHUB_STEP_SUMMARY;
  const child = spawnSync(process.execPath, argv, { cwd, env: childEnv, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  const stderr = child.stderr ?? '';
  if (stderr) process.stderr.write(stderr);
  const status = child.status ?? 2;
  const outputs: Record<string, string | number> = { verdict: VERDICT[status] ?? 'error', 'exit-code': status, 'report-dir': out };
  const ctrf = join(out, 'ctrf.json');
  if (status !== 2 && existsSync(ctrf)) {
    const counts = countOutcomes(parseCtrf(readFileSync(ctrf, 'utf8')).results);
    Object.assign(outputs, { total: counts.total, passed: counts.passed, failed: counts.failed, errored: counts.errored, skipped: counts.skipped, blocking: counts.blocking, 'report-html': join(out, 'report.html') });
  }
  writeOutputs(env.GITHUB_OUTPUT, outputs);
  const summary = join(out, 'summary.md');
  if (status !== 2 && existsSync(summary)) appendStepSummary(env.GITHUB_STEP_SUMMARY, readFileSync(summary, 'utf8'));
  else appendStepSummary(env.GITHUB_STEP_SUMMARY, `# dps-conformance ${inputs.command.join(' ')}: error (exit ${status})\n\n${firstLines(stderr)}\n`);
  return { exitCode: inputs.failOnFailure ? status : 0, outputs };
}

function firstLines(text: string): string {
  const lines = text.trim().split('\n').slice(0, 5).join('\n');
  return lines ? `\`\`\`text\n${lines.replace(/```/g, '` ` `')}\n\`\`\`` : 'The harness wrote no message.';
}

// run as the Action's step: `node dist/src/cli/action/run-action.js`
if (process.argv[1] && resolve(process.argv[1]) === resolve(packagePath('dist', 'src', 'cli', 'action', 'run-action.js'))) {
  process.exitCode = runAction().exitCode;
}
