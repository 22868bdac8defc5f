import type { Command } from 'commander';
import { Option } from 'commander';
import { addEmulatorChoiceOptions, addRunOptions, dialectOption, parsePositiveInteger, type EmulatorChoiceOptions, type RunOptions } from '../../common-options.js';
import { DEFAULT_RUN_CONCURRENCY } from './run-bounded.js';
import { lazyAction, optionsOf, type ActionSink } from '../../lazy-action.js';

export interface RunCommandOptions extends RunOptions, EmulatorChoiceOptions {
  dialect?: 'ga' | 'preview' | 'all';
  /** comma-separated bundled implementation names (default: all) */
  implementations?: string;
  /** at most this many (implementation, transport) suites register at once */
  concurrency?: number;
}

export function defineRunCommand(program: Command, sink: ActionSink): void {
  addRunOptions(
    addEmulatorChoiceOptions(
      program
      .command('run')
      .description('the main job: every suite against the bundled reference webhook, reference device and the Azure IoT Node, Python and Java SDKs (installed into the cache on first use); writes the report set')
      .addOption(dialectOption())
      .option('--implementations <list>', 'test only these (comma-separated): reference-webhook, reference-device, azure-iot-node-sdk, azure-iot-python-sdk, azure-iot-java-sdk')
      .addOption(
        new Option('--concurrency <n>', 'how many adapters register at once (one per implementation and transport, several for the SDKs that wait in every registration; mostly idle)')
          .argParser(parsePositiveInteger('--concurrency'))
          .default(DEFAULT_RUN_CONCURRENCY),
      ),
    ),
  ).action(lazyAction(sink, () => import('./handler.js'), (args) => optionsOf<RunCommandOptions>(args)));
}
