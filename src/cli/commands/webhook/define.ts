import type { Command } from '@commander-js/extra-typings';
import { lazyAction, type ActionSink } from '../../lazy-action.js';
import { webhookCommand } from './options.js';

export function defineWebhookCommand(program: Command, sink: ActionSink): void {
  program.addCommand(lazyAction(webhookCommand(), sink, () => import('./handler.js')));
}
