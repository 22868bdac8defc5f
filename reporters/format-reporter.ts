import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckResult } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import { writeFileAtomic } from '../src/report/atomic-write.js';
import { ResultReporter, type ResultReporterOptions } from './result-reporter.js';

export type FormatReporterOptions = ResultReporterOptions & {
  /** where stdout goes when there is no `output` path (tests) */
  stream?: NodeJS.WritableStream;
};

/**
 * A reporter that renders one format at the end of the run and writes it to `output` (atomically),
 * or to stdout without it (after mocha's json reporter).
 */
export abstract class FormatReporter extends ResultReporter {
  protected abstract render(results: CheckResult[], runInfo: RunInfo): string;

  protected override async finish(results: CheckResult[], runInfo: RunInfo): Promise<void> {
    const text = this.render(results, runInfo);
    const { output, stream = process.stdout } = this.options as FormatReporterOptions;
    if (output === undefined) {
      await new Promise<void>((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
      return;
    }
    await mkdir(dirname(output), { recursive: true });
    await writeFileAtomic(output, text);
  }
}
