import { Command, Option } from '@commander-js/extra-typings';
import { addEmulatorChoiceOptions, addRunOptions, dialectOption, docsUrlOption, timeoutOption } from '../../common-options.js';
import type { OptionsOf } from '../../lazy-action.js';

/** `device`'s command line; its handler's options are inferred from these definitions. */
export function deviceCommand() {
  return addRunOptions(
    addEmulatorChoiceOptions(
      new Command('device')
        .description('the device suite: starts the DPS emulator and drives an implementation through the adapter protocol')
        .option('--adapter <cmd>', 'the adapter command, run through the shell in the current directory')
        .option('--module <file>', 'instead of --adapter: a Node ES module exporting start, register and stop, loaded in-process; msw routes its HTTPS to the emulator')
        .addOption(new Option('--transport <transport>', 'test only this transport').choices(['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws']))
        .addOption(dialectOption())
        .addOption(docsUrlOption())
        .option('--standard-ports', 'serve at the ports DPS uses (443, 8883, 5671) on a loopback address of its own (127.0.0.2 and up), for SDKs that take no port (needs root or cap_net_bind_service)')
        .option('--webhook <url>', 'make the emulator call this webhook (an end-to-end run)')
        .option('--function-key <key>', "the --webhook's Azure Functions key; sent as ?code= like DPS does, never written to reports")
        .option('--profile <file>', "with --webhook: register devices that look like ones the webhook's policy accepts (JSON, see docs/webhook-profiles.md)")
        .addOption(timeoutOption('time limit for each adapter request, in ms', 20000))
        .option('--case-ids <ids>', 'run only these case ids (comma-separated; see suites/device/CHECKS.md)', (v) => v.split(',').map((s) => s.trim()).filter((s) => s !== '')),
    ),
  );
}

export type DeviceCommandOptions = OptionsOf<ReturnType<typeof deviceCommand>>;
