import type { Command } from '@commander-js/extra-typings';
import { lazyActionWith, type ActionSink } from '../../lazy-action.js';
import { verifyReportCommand, verifyReportOptions } from './options.js';

export function defineVerifyReportCommand(program: Command, sink: ActionSink): void {
  program.addCommand(lazyActionWith(verifyReportCommand(), sink, () => import('./handler.js'), verifyReportOptions));
}
