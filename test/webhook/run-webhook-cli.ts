import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliRun } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

/** One test of ctrf.json, as the webhook tests read it. */
export interface ReportedResult {
  checkId: string;
  outcome: string;
  level: string;
  dialect: string;
  caseId: string;
  message: string;
  extra: Record<string, unknown>;
}

export interface WebhookCliRun {
  run: CliRun;
  results: ReportedResult[];
  /** ctrf.json and summary.md as written */
  ctrfText: string;
  summary: string;
}

/** Runs the built CLI's `webhook` command into a fresh report directory and reads the report back. */
export async function runWebhookCli(args: readonly string[], timeoutMs = 60_000): Promise<WebhookCliRun> {
  const out = await mkdtemp(join(tmpdir(), 'dpsc-webhook-'));
  try {
    const run = await runCliInProcess(['webhook', ...args, '--out', out, '--reporter', 'quiet'], { timeoutMs, env: { GITHUB_STEP_SUMMARY: '' } });
    let ctrfText = '';
    let summary = '';
    try {
      ctrfText = await readFile(join(out, 'ctrf.json'), 'utf8');
      summary = await readFile(join(out, 'summary.md'), 'utf8');
    } catch {
      // no report (a usage error): the caller asserts on the exit status and stderr
    }
    const tests = ctrfText === '' ? [] : (ctrfView(ctrfText) as { results: { tests: Array<{ rawStatus: string; message: string; extra: Record<string, unknown> }> } }).results.tests;
    const results = tests.map((t) => ({
      checkId: String(t.extra['checkId']),
      outcome: t.rawStatus,
      level: String(t.extra['level']),
      dialect: String(t.extra['dialect']),
      caseId: String(t.extra['caseId']),
      message: t.message,
      extra: t.extra,
    }));
    return { run, results, ctrfText, summary };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** A short account of a run for assertion messages. */
export function describeRun(r: WebhookCliRun): string {
  const bad = r.results.filter((x) => x.outcome === 'failed' || x.outcome === 'errored').slice(0, 5);
  return `exit ${r.run.status}; stderr: ${r.run.stderr.slice(0, 500)}; first failures: ${bad.map((b) => `${b.checkId} ${b.outcome}: ${b.message}`).join(' | ')}`;
}
