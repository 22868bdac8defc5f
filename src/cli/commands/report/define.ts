import type { Command } from 'commander';
import { lazyAction, type ActionSink } from '../../lazy-action.js';

export interface ReportMergeOptions {
  dirs: string[];
  out: string;
  allowIncomplete?: boolean;
}
export interface ReportDiffOptions {
  base: string;
  current: string;
  allowIncomplete?: boolean;
  /** pass (exit 0, with a note) when BASE does not exist yet: the first run, before any baseline was made */
  allowMissingBaseline?: boolean;
}

const ALLOW_INCOMPLETE = 'judge an incomplete run (a shard missing, a run interrupted) by the results it has, instead of failing';

export function defineReportCommand(program: Command, sink: ActionSink): void {
  const report = program.command('report').description('combine and compare the results of runs');
  report
    .command('merge')
    .description('merge the CTRF results of many runs into one compatibility matrix')
    .argument('<dirs...>', 'report directories (each holding a ctrf.json; a directory without one stands for its subdirectories)')
    .requiredOption('--out <dir>', 'where to write the merged report set')
    .option('--allow-incomplete', ALLOW_INCOMPLETE)
    .action(
      lazyAction(sink, () => import('./merge-handler.js'), (args) => {
        const { out, allowIncomplete } = args[1] as { out: string; allowIncomplete?: boolean };
        return { dirs: args[0] as string[], out, ...(allowIncomplete ? { allowIncomplete } : {}) };
      }),
    );
  report
    .command('diff')
    .description('new failures, fixed, still failing, between two runs (exit 1 on new failures)')
    .argument('<base>', 'the earlier ctrf.json or report directory')
    .argument('<current>', 'the later ctrf.json or report directory')
    .option('--allow-incomplete', ALLOW_INCOMPLETE)
    .option('--allow-missing-baseline', 'when BASE does not exist yet (the first run), say how to make one and pass (exit 0) instead of exit 2')
    .action(
      lazyAction(sink, () => import('./diff-handler.js'), (args) => {
        const { allowIncomplete, allowMissingBaseline } = args[2] as { allowIncomplete?: boolean; allowMissingBaseline?: boolean };
        return {
          base: args[0] as string,
          current: args[1] as string,
          ...(allowIncomplete ? { allowIncomplete } : {}),
          ...(allowMissingBaseline ? { allowMissingBaseline } : {}),
        };
      }),
    );
}
