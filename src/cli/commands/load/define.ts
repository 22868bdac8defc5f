import type { Command } from '@commander-js/extra-typings';
import { lazyAction, type ActionSink } from '../../lazy-action.js';
import { loadCommand } from './options.js';

export function defineLoadCommand(program: Command, sink: ActionSink): void {
  program.addCommand(lazyAction(loadCommand(), sink, () => import('./handler.js')));
}
