import type { Command } from '@commander-js/extra-typings';
import { lazyAction, type ActionSink } from '../../lazy-action.js';
import { emulateCommand } from './options.js';

export function defineEmulateCommand(program: Command, sink: ActionSink): void {
  program.addCommand(lazyAction(emulateCommand(), sink, () => import('./handler.js')));
}
