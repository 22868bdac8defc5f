import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from '@commander-js/extra-typings';
import { isHarnessError } from '../errors/harness-error.js';
import { ExitStatus } from './exit-status.js';
import type { CommandContext } from './command-context.js';
import type { ActionSink } from './lazy-action.js';
import { watchStopRequests } from './stop-requests.js';
import { packageVersion } from '../meta/package-info.js';
import { defineRunCommand } from './commands/run/define.js';
import { defineWebhookCommand } from './commands/webhook/define.js';
import { defineDeviceCommand } from './commands/device/define.js';
import { defineEmulateCommand } from './commands/emulate/define.js';
import { defineValidateCommand } from './commands/validate/define.js';
import { defineContractsCommand } from './commands/contracts/define.js';
import { defineReportCommand } from './commands/report/define.js';
import { defineVerifyReportCommand } from './commands/verify-report/define.js';
import { defineLoadCommand } from './commands/load/define.js';
import { defineTargetsCommand } from './commands/targets/define.js';

export interface MainIo {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

/** Builds the command tree; nothing a command needs beyond its options is loaded here. */
export function buildProgram(sink: ActionSink): Command {
  const { stdout, stderr } = sink.context;
  const program = new Command('dps-conformance')
    .description('Conformance harness for the Azure IoT Hub Device Provisioning Service custom-data feature')
    .version(packageVersion, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
    });
  defineRunCommand(program, sink);
  defineWebhookCommand(program, sink);
  defineDeviceCommand(program, sink);
  defineEmulateCommand(program, sink);
  defineValidateCommand(program, sink);
  defineContractsCommand(program, sink);
  defineReportCommand(program, sink);
  defineVerifyReportCommand(program, sink);
  defineLoadCommand(program, sink);
  defineTargetsCommand(program, sink);
  for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    command.exitOverride();
    command.configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) });
  }
  return program;
}

/** Runs the CLI and resolves with the exit status. Never throws: a user mistake is a message and exit 2. */
export async function main(argv: readonly string[], io: MainIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const controller = new AbortController();
  const signal = io.signal ?? controller.signal;
  // a command run in-process gets its stop signal from its caller; the real process from SIGINT, SIGTERM and npx
  const unwatch = io.signal ? undefined : watchStopRequests((why) => controller.abort(why));
  const context: CommandContext = { stdout, stderr, signal, isTTY: Boolean((stdout as NodeJS.WriteStream).isTTY) };
  let status: number = ExitStatus.OK;
  const program = buildProgram({ context, setStatus: (s) => (status = s) });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitStatus.HARNESS_ERROR;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are not errors; commander has already printed its message
      return error.exitCode === 0 ? ExitStatus.OK : ExitStatus.HARNESS_ERROR;
    }
    if (isHarnessError(error)) {
      stderr.write(`dps-conformance: ${error.message}\n`);
      return ExitStatus.HARNESS_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`dps-conformance: internal error: ${message}\n`);
    if (process.env['DPSC_DEBUG'] && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    else stderr.write('(set DPSC_DEBUG=1 for details; please report this)\n');
    return ExitStatus.HARNESS_ERROR;
  } finally {
    unwatch?.();
  }
}

/**
 * Runs the CLI as the process: its exit status becomes the process's. bin/dps-conformance.js calls it, and so
 * does this module when Node runs it directly (`node dist/src/cli/main.js --help`), which did nothing before.
 */
export async function runAsProcess(argv: readonly string[]): Promise<void> {
  // A closed pipe (`dps-conformance validate --list | head`) is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  process.exitCode = await main(argv);
}

/** Whether Node was started on this module (`node main.js`, with or without the extension), not importing it. */
function startedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  const self = fileURLToPath(import.meta.url);
  for (const candidate of [script, `${script}.js`]) {
    try {
      if (realpathSync(candidate) === self) return true;
    } catch {
      // not a file by that name: try the next
    }
  }
  return false;
}

if (startedDirectly()) void runAsProcess(process.argv.slice(2));
