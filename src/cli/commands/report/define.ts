import type { Command } from '@commander-js/extra-typings';
import { lazyActionWith, type ActionSink } from '../../lazy-action.js';
import { reportDiffCommand, reportDiffOptions, reportMergeCommand, reportMergeOptions } from './options.js';

export function defineReportCommand(program: Command, sink: ActionSink): void {
  const report = program.command('report').description('combine and compare the results of runs');
  report.addCommand(
    lazyActionWith(reportMergeCommand(), sink, () => import('./merge-handler.js'), reportMergeOptions),
  );
  report.addCommand(lazyActionWith(reportDiffCommand(), sink, () => import('./diff-handler.js'), reportDiffOptions));
}
