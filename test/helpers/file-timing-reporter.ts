import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from './run-cli.js';

interface FileTiming {
  file: string;
  /** wall time from the first suite of the file starting to its last one ending, hooks included */
  ms: number;
  /** CPU time of the test process meanwhile (user + system) */
  cpuMs: number;
  /** CPU time of the child processes that ended meanwhile (the CLI, adapters, SDKs, installers) */
  childCpuMs: number;
  tests: number;
}

interface Clock {
  wall: number;
  cpu: number;
  childCpu: number;
}

/** The CPU time of the child processes this process has waited for (/proc/self/stat cutime + cstime), in ms. */
function childCpuMs(): number {
  try {
    // the command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // cutime and cstime are fields 16 and 17 of the line, 14 and 15 after the command name
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return 0;
  }
}

function now(): Clock {
  const cpu = process.cpuUsage();
  return { wall: Date.now(), cpu: (cpu.user + cpu.system) / 1000, childCpu: childCpuMs() };
}

/**
 * The spec reporter, plus a JSON file (`--reporter-option output=FILE`) of how long each test file
 * took, hooks included (mocha's own figures count tests only). Serial runs only: under --parallel the
 * events are replayed from the workers, and their timing means nothing. Used to decide which files
 * belong to the fast loop (docs/performance.md "The test loop").
 */
export default class FileTimingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions & { reporterOption?: { output?: string } }) {
    super(runner, options);
    const output = options.reporterOption?.output;
    const files = new Map<string, { started: Clock; ended: Clock; tests: number }>();
    const started = now();
    const fileOf = (suite: Mocha.Suite): string => relative(repoRoot, suite.file ?? '(no file)');
    runner.on(Mocha.Runner.constants.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.parent?.root !== true) return;
      const entry = files.get(fileOf(suite));
      if (entry) return;
      files.set(fileOf(suite), { started: now(), ended: now(), tests: 0 });
    });
    runner.on(Mocha.Runner.constants.EVENT_SUITE_END, (suite: Mocha.Suite) => {
      if (suite.parent?.root !== true) return;
      const entry = files.get(fileOf(suite));
      if (entry) entry.ended = now();
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_END, (test: Mocha.Test) => {
      const entry = files.get(relative(repoRoot, test.file ?? '(no file)'));
      if (entry) entry.tests += 1;
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (!output) return;
      const timings: FileTiming[] = [...files].map(([file, t]) => ({
        file,
        ms: t.ended.wall - t.started.wall,
        cpuMs: Math.round(t.ended.cpu - t.started.cpu),
        childCpuMs: Math.round(t.ended.childCpu - t.started.childCpu),
        tests: t.tests,
      }));
      timings.sort((a, b) => b.ms - a.ms);
      const end = now();
      const total = { totalMs: end.wall - started.wall, cpuMs: Math.round(end.cpu - started.cpu), childCpuMs: Math.round(end.childCpu - started.childCpu) };
      writeFileSync(output, `${JSON.stringify({ ...total, files: timings }, null, 1)}\n`);
    });
  }
}
