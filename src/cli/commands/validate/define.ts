import type { Command } from '@commander-js/extra-typings';
import { lazyActionWith, type ActionSink } from '../../lazy-action.js';
import { validateCommand, validateOptions } from './options.js';

export function defineValidateCommand(program: Command, sink: ActionSink): void {
  program.addCommand(lazyActionWith(validateCommand(), sink, () => import('./handler.js'), validateOptions));
}
