import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { parsePort, parsePositiveInteger } from '../../common-options.js';
import type { OptionsOf } from '../../lazy-action.js';
import { JSON_DEPTH_LIMIT, MAX_CONFIGURABLE_JSON_DEPTH } from '../../../json/json-depth.js';

function parseJsonDepth(value: string): number {
  const depth = parsePositiveInteger('--max-json-depth')(value);
  if (depth > MAX_CONFIGURABLE_JSON_DEPTH) throw new InvalidArgumentError(`--max-json-depth is at most ${MAX_CONFIGURABLE_JSON_DEPTH}, got ${depth}`);
  return depth;
}

/** `emulate`'s command line; its handler's options are inferred from these definitions. */
export function emulateCommand() {
  return new Command('emulate')
    .description('the DPS emulator alone, for real devices and manual work; runs until Ctrl-C, then writes an observation report and the report set grading each registration it saw')
    .option('--config <file>', 'ID scope, enrollments and allocation (see schemas/harness/emulator-config.schema.json)')
    .option('--webhook <url>', 'custom allocation webhook to call (default: the bundled reference webhook)')
    .option('--host <addr>', 'address to bind', '127.0.0.1')
    .option('--https-port <n>', 'HTTPS, MQTT- and AMQP-over-WebSocket port (0 = a free port)', parsePort('--https-port'), 443)
    .option('--mqtt-port <n>', 'MQTT over TLS port (0 = a free port)', parsePort('--mqtt-port'), 8883)
    .option('--amqp-port <n>', 'AMQP over TLS port (0 = a free port); AMQP over WebSocket is on the HTTPS port', parsePort('--amqp-port'), 5671)
    .option('--x509-device <registrationIds...>', 'enroll the emulator\'s device CA (X.509 group) and write a certificate, key and chain for each ID to DIR/x509/')
    .option('--retry-after <seconds>', 'Retry-After the emulator answers with (default: 2, or the config file\'s)', (v) => (v === '0' ? 0 : parsePositiveInteger('--retry-after')(v)))
    .option('--poll-hold <ms>', 'longest wait before answering a poll whose allocation is still running (default 200; 0 = answer at once, as DPS does)', (v) => (v === '0' ? 0 : parsePositiveInteger('--poll-hold')(v)))
    .option('--out <dir>', 'directory for emulator.json, the observation report and the report set', './conformance-report')
    .option('--scenarios', "take successive registrations of each device through the device suite's server-side cases (Retry-After, 429, failed allocation, fragmented answers)")
    // departures from DPS, each documented in docs/emulator-behaviour.md; the flag wins over the config file
    .option('--require-skn', 'refuse SAS tokens without skn (DPS accepts them)')
    .option('--accept-mqtt31', 'accept MQTT 3.1 (protocol level 3; DPS documents 3.1.1 only)')
    .option('--persistent-sessions', 'keep MQTT sessions when CleanSession is 0 (DPS treats every session as clean)')
    .option('--poll-rate-limit', 'answer more than 5 polls per 10 s per device with 429 and Retry-After, as DPS does')
    .addOption(new Option('--re-registration <mode>', 'dps: a repeated registration is a re-provisioning; initial: each reads as the first').choices(['dps', 'initial']))
    .option('--strict-payload', 'refuse a payload that is not a JSON object, as DPS documents (DPS accepts a JSON string holding one)')
    .addOption(new Option('--string-payload-to-webhook <what>', 'for a payload sent as a JSON string holding an object, the webhook gets: parsed (the object) or as-sent (the string)').choices(['parsed', 'as-sent']))
    .addOption(new Option('--non-json-string-payload <what>', 'a payload string that is not JSON: refuse (400012) or accept (passed on as the string)').choices(['refuse', 'accept']))
    .option('--ascii-answers', "write non-ASCII characters of the answers as \\uXXXX escapes (default raw UTF-8; which DPS writes is unconfirmed)")
    .option('--max-json-depth <n>', `the deepest JSON read from a device or webhook, 1 to ${MAX_CONFIGURABLE_JSON_DEPTH} (default ${JSON_DEPTH_LIMIT}; DPS documents no limit)`, parseJsonDepth)
    .option('--accept-invalid-utf8', 'serve a register body that is not UTF-8, reading each bad sequence as U+FFFD (default: refuse it as not JSON, 400004; DPS\'s behaviour is unconfirmed; the device\'s data check fails either way)')
    .option('--implementation <name>', 'the implementation every device is reported as, NAME or NAME/VERSION (default: what each device says it is; per registration ID: the config file\'s "implementations")', parseImplementationName)
    .option('--no-amqp-max-message-size', 'leave max-message-size out of the AMQP ATTACH frames (AMQP allows it; Azure\'s AMQP services send one)')
    .option('--server-name <name>', 'an extra DNS name for the certificate, printed in the endpoints (default: localhost on 127.0.0.1)');
}

export type EmulateCommandOptions = OptionsOf<ReturnType<typeof emulateCommand>>;

/** An implementation name for the report: printable, at most 120 characters. */
function parseImplementationName(value: string): string {
  const name = value.trim();
  if (name === '' || name.length > 120 || [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new InvalidArgumentError('give a name of 1 to 120 printable characters, NAME or NAME/VERSION');
  return name;
}
