import type { Command } from 'commander';
import { parsePort, parsePositiveInteger } from '../../common-options.js';
import { lazyAction, optionsOf, type ActionSink } from '../../lazy-action.js';

export interface EmulateCommandOptions {
  config?: string;
  webhook?: string;
  host: string;
  httpsPort: number;
  mqttPort: number;
  amqpPort: number;
  x509Device?: string[];
  retryAfter?: number;
  out: string;
}

export function defineEmulateCommand(program: Command, sink: ActionSink): void {
  program
    .command('emulate')
    .description('the DPS emulator alone, for real devices and manual work; runs until Ctrl-C, then writes an observation report')
    .option('--config <file>', 'ID scope, enrollments and allocation (see schemas/harness/emulator-config.schema.json)')
    .option('--webhook <url>', 'custom allocation webhook to call (default: the bundled reference webhook)')
    .option('--host <addr>', 'address to bind', '127.0.0.1')
    .option('--https-port <n>', 'HTTPS, MQTT- and AMQP-over-WebSocket port (0 = a free port)', parsePort('--https-port'), 443)
    .option('--mqtt-port <n>', 'MQTT over TLS port (0 = a free port)', parsePort('--mqtt-port'), 8883)
    .option('--amqp-port <n>', 'AMQP over TLS port (0 = a free port); AMQP over WebSocket is on the HTTPS port', parsePort('--amqp-port'), 5671)
    .option('--x509-device <registrationIds...>', 'enroll the emulator\'s device CA (X.509 group) and write a certificate, key and chain for each ID to DIR/x509/')
    .option('--retry-after <seconds>', 'Retry-After the emulator answers with (default: 2, or the config file\'s)', (v) => (v === '0' ? 0 : parsePositiveInteger('--retry-after')(v)))
    .option('--out <dir>', 'directory for emulator.json and the observation report', './conformance-report')
    .action(lazyAction(sink, () => import('./handler.js'), (args) => optionsOf<EmulateCommandOptions>(args)));
}
