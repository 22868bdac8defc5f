import { Command, Option } from '@commander-js/extra-typings';
import { addEmulatorChoiceOptions, addRunOptions, dialectOption, parsePositiveInteger } from '../../common-options.js';
import { DEFAULT_RUN_CONCURRENCY } from './run-bounded.js';
import type { OptionsOf } from '../../lazy-action.js';

/** `run`'s command line; its handler's options are inferred from these definitions. */
export function runCommand() {
  return addRunOptions(
    addEmulatorChoiceOptions(
      new Command('run')
        .description('the main job: every suite against the bundled reference webhook, reference device and the Azure IoT Node, Python and Java SDKs (installed into the cache on first use); writes the report set')
        .addOption(dialectOption())
        .option('--implementations <list>', 'test only these (comma-separated): reference-webhook, reference-device, azure-iot-node-sdk, azure-iot-python-sdk, azure-iot-java-sdk')
        .addOption(
          new Option('--concurrency <n>', 'how many adapters register at once (one per implementation and transport, several for the SDKs that wait in every registration; mostly idle)')
            .argParser(parsePositiveInteger('--concurrency'))
            .default(DEFAULT_RUN_CONCURRENCY),
        ),
    ),
  );
}

export type RunCommandOptions = OptionsOf<ReturnType<typeof runCommand>>;
