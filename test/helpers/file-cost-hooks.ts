import { appendFileSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type Mocha from 'mocha';
import { repoRoot } from './run-cli.js';

/**
 * Root hook plugin for measuring the suite under `--parallel` (docs/performance.md, "The project's own
 * tests"): `mocha --parallel --require dist/test/helpers/file-cost-hooks.js` with DPSC_TEST_COSTS=FILE
 * appends one JSON line per test file: its wall time, the CPU time of the worker that ran it, and that
 * of the child processes it started (the CLI, adapters, SDKs, installers). Each file runs alone in its
 * worker, so a root hook sees one file. Without DPSC_TEST_COSTS it does nothing.
 */

const output = process.env['DPSC_TEST_COSTS'];

/** CPU time (ms) of the child processes this process has waited for: /proc/self/stat cutime + cstime, in ticks of 10 ms. */
function childCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

let start = { wall: 0, cpu: 0, childCpu: 0 };

function startFileClock(): void {
  start = { wall: Date.now(), cpu: cpuMs(), childCpu: childCpuMs() };
}

function recordFileCost(this: Mocha.Context): void {
  if (!output) return;
  let root: Mocha.Suite | undefined = this.test?.parent;
  while (root?.parent) root = root.parent;
  const files = [...new Set((root?.suites ?? []).map((suite) => suite.file).filter((file): file is string => file !== undefined))];
  const line = {
    file: files.map((file) => relative(repoRoot, file)).join(' '),
    ms: Date.now() - start.wall,
    cpuMs: Math.round(cpuMs() - start.cpu),
    childCpuMs: childCpuMs() - start.childCpu,
  };
  appendFileSync(output, `${JSON.stringify(line)}\n`);
}

export const mochaHooks = output ? { beforeAll: startFileClock, afterAll: recordFileCost } : {};
