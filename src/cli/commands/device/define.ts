import { Option, type Command } from 'commander';
import { addEmulatorChoiceOptions, addRunOptions, dialectOption, docsUrlOption, timeoutOption, type EmulatorChoiceOptions, type RunOptions } from '../../common-options.js';
import { lazyAction, optionsOf, type ActionSink } from '../../lazy-action.js';

export interface DeviceCommandOptions extends RunOptions, EmulatorChoiceOptions {
  adapter?: string;
  module?: string;
  /** serve at 443/8883/5671 on a loopback address of the emulator's own, for SDKs that take no port */
  standardPorts?: boolean;
  transport?: 'https' | 'mqtt' | 'mqtt-ws' | 'amqp' | 'amqp-ws';
  dialect?: 'ga' | 'preview' | 'all';
  webhook?: string;
  functionKey?: string;
  profile?: string;
  timeout: number;
  caseIds?: string[];
}

export function defineDeviceCommand(program: Command, sink: ActionSink): void {
  addRunOptions(
    addEmulatorChoiceOptions(
      program
      .command('device')
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
  ).action(lazyAction(sink, () => import('./handler.js'), (args) => optionsOf<DeviceCommandOptions>(args)));
}
