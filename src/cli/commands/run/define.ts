import type { Command } from 'commander';
import { addRunOptions, dialectOption, type RunOptions } from '../../common-options.js';
import { lazyAction, optionsOf, type ActionSink } from '../../lazy-action.js';

export interface RunCommandOptions extends RunOptions {
  dialect?: 'ga' | 'preview' | 'all';
}

export function defineRunCommand(program: Command, sink: ActionSink): void {
  addRunOptions(
    program
      .command('run')
      .description('the main job: every suite against the bundled reference webhook, reference device and the Azure IoT Node SDK; writes the report set')
      .addOption(dialectOption()),
  ).action(lazyAction(sink, () => import('./handler.js'), (args) => optionsOf<RunCommandOptions>(args)));
}
