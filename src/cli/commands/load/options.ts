import { Command, Option } from '@commander-js/extra-typings';
import { dialectOption, parsePositiveInteger, timeoutOption } from '../../common-options.js';
import type { OptionsOf } from '../../lazy-action.js';

/** `load`'s command line; its handler's options are inferred from these definitions. */
export function loadCommand() {
  return new Command('load')
    .description('steady load: DPS-shaped allocation requests against a webhook (--webhook), or a fleet of simulated devices through the emulator (--emulator)')
    .option('--webhook <url>', 'the webhook to load (with --emulator: the webhook the emulator calls)')
    .option('--function-key <key>', 'Azure Functions key for the webhook (sent as ?code=, never reported)')
    .option('--emulator', 'run a fleet of simulated devices through the DPS emulator')
    .option('--devices <n>', 'with --emulator: how many simulated devices', parsePositiveInteger('--devices'), 50)
    .requiredOption('--rate <n>', 'requests (or registrations) started per second', parsePositiveInteger('--rate'))
    .option('--duration <seconds>', 'how long to keep the rate', parsePositiveInteger('--duration'), 10)
    .addOption(new Option('--transport <transport>', 'with --emulator: device transport').choices(['https', 'mqtt']).default('https'))
    .addOption(dialectOption().default('ga'))
    .addOption(timeoutOption('time limit for each answer, in ms (the webhook suite requires 10000)', 10000))
    .option('--out <dir>', 'directory for the report files', './conformance-report')
    .option(
      '--profile <file>',
      "with --webhook: make the corpus's devices look like ones the webhook's policy accepts (JSON, see docs/webhook-profiles.md)",
    )
    .option('--allow-remote', 'allow a --webhook that is not on this machine (only load what you own)')
    .option('--export <engine-and-dir...>', 'write the --webhook run as a scenario for a distributed engine instead of running it: `--export artillery DIR` (see docs/load-distributed.md)');
}

export type LoadCommandOptions = OptionsOf<ReturnType<typeof loadCommand>>;
