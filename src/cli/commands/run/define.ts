import type { Command } from '@commander-js/extra-typings';
import { lazyAction, type ActionSink } from '../../lazy-action.js';
import { runCommand } from './options.js';

export function defineRunCommand(program: Command, sink: ActionSink): void {
  program.addCommand(lazyAction(runCommand(), sink, () => import('./handler.js')));
}
