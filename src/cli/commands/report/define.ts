import type { Command } from 'commander';
import { lazyAction, type ActionSink } from '../../lazy-action.js';

export interface ReportMergeOptions {
  dirs: string[];
  out: string;
}
export interface ReportDiffOptions {
  base: string;
  current: string;
}

export function defineReportCommand(program: Command, sink: ActionSink): void {
  const report = program.command('report').description('combine and compare the results of runs');
  report
    .command('merge')
    .description('merge the CTRF results of many runs into one compatibility matrix')
    .argument('<dirs...>', 'report directories (each holding a ctrf.json)')
    .requiredOption('--out <dir>', 'where to write the merged report set')
    .action(
      lazyAction(sink, () => import('./merge-handler.js'), (args) => ({ dirs: args[0] as string[], out: (args[1] as { out: string }).out })),
    );
  report
    .command('diff')
    .description('new failures, fixed, still failing, between two runs (exit 1 on new failures)')
    .argument('<base>', 'the earlier ctrf.json or report directory')
    .argument('<current>', 'the later ctrf.json or report directory')
    .action(lazyAction(sink, () => import('./diff-handler.js'), (args) => ({ base: args[0] as string, current: args[1] as string })));
}
