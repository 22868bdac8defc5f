import type { Command } from 'commander';
import { addRunOptions, dialectOption, type RunOptions } from '../../common-options.js';
import { lazyAction, optionsOf, type ActionSink } from '../../lazy-action.js';

export interface RunCommandOptions extends RunOptions {
  dialect?: 'ga' | 'preview' | 'all';
  /** comma-separated bundled implementation names (default: all) */
  implementations?: string;
}

export function defineRunCommand(program: Command, sink: ActionSink): void {
  addRunOptions(
    program
      .command('run')
      .description('the main job: every suite against the bundled reference webhook, reference device and the Azure IoT Node, Python and Java SDKs (installed into the cache on first use); writes the report set')
      .addOption(dialectOption())
      .option('--implementations <list>', 'test only these (comma-separated): reference-webhook, reference-device, azure-iot-node-sdk, azure-iot-python-sdk, azure-iot-java-sdk'),
  ).action(lazyAction(sink, () => import('./handler.js'), (args) => optionsOf<RunCommandOptions>(args)));
}
