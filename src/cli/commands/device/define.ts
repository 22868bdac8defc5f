import type { Command } from '@commander-js/extra-typings';
import { lazyAction, type ActionSink } from '../../lazy-action.js';
import { deviceCommand } from './options.js';

export function defineDeviceCommand(program: Command, sink: ActionSink): void {
  program.addCommand(lazyAction(deviceCommand(), sink, () => import('./handler.js')));
}
