import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { Command } from '@commander-js/extra-typings';
import type { CommandHandler } from '../../src/cli/command-context.js';
import { deviceCommand, type DeviceCommandOptions } from '../../src/cli/commands/device/options.js';
import { emulateCommand } from '../../src/cli/commands/emulate/options.js';
import {
  verifyReportCommand,
  verifyReportOptions,
  type VerifyReportOptions,
} from '../../src/cli/commands/verify-report/options.js';
import { lazyAction, lazyActionWith, type ActionSink } from '../../src/cli/lazy-action.js';

// Compile-time proofs. A handler's options are inferred from its command's option definitions, so each line marked
// below as an expected error must fail to compile; if one ever compiled (an option type widened to any or to a
// record), its directive would be unused, which is itself an error, and `npm run build` would fail.

/** A handler reading an option its command does not define. */
export function readsAnOptionNotDefined(options: DeviceCommandOptions): unknown {
  // @ts-expect-error the device command defines --adapter, not --adaptor
  return options.adaptor;
}

/** A handler reading an option as the wrong type. */
export function readsAnOptionAsTheWrongType(options: DeviceCommandOptions): string {
  // @ts-expect-error --timeout is parsed to a number by its argParser
  return options.timeout;
}

/** A handler whose own options type wants an option the command does not define cannot be attached to it. */
export function attachesAHandlerWantingAnOptionNotDefined(sink: ActionSink): void {
  const handle: CommandHandler<{ adaptor: string }> = (options) => Promise.resolve(options.adaptor.length);
  // @ts-expect-error `device` has no --adaptor
  lazyAction(deviceCommand(), sink, () => Promise.resolve({ handle }));
}

/** A handler wanting an option with another type than the definition gives. */
export function attachesAHandlerWantingAnotherType(sink: ActionSink): void {
  const handle: CommandHandler<{ httpsPort: string }> = (options) => Promise.resolve(options.httpsPort.length);
  // @ts-expect-error --https-port is a number (parsePort), not a string
  lazyAction(emulateCommand(), sink, () => Promise.resolve({ handle }));
}

function sinkFor(statuses: number[]): ActionSink {
  const context = {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    signal: new AbortController().signal,
    isTTY: false,
  };
  return { context, setStatus: (status) => void statuses.push(status) };
}

describe('command options typed from their definitions (lazyAction)', () => {
  it('hands the handler what commander parsed, loading the handler only when the command runs', async () => {
    const statuses: number[] = [];
    const seen: unknown[] = [];
    let loads = 0;
    const command = new Command('probe')
      .option('--count <n>', 'a number', (v) => Number(v), 1)
      .option('--name <name>', 'a name')
      .exitOverride();
    lazyAction(command, sinkFor(statuses), () => {
      loads += 1;
      return Promise.resolve({
        handle: (options) => {
          seen.push(options);
          // typed: count is a number, name a string or absent
          return Promise.resolve(options.count + (options.name?.length ?? 0));
        },
      });
    });
    assert.equal(loads, 0, 'defining the command loads no handler');
    await command.parseAsync(['--count', '5', '--name', 'abc'], { from: 'user' });
    assert.equal(loads, 1);
    assert.deepEqual(seen, [{ count: 5, name: 'abc' }]);
    assert.deepEqual(statuses, [8]);
  });

  it('folds positional arguments into the options with the command\'s own mapping (verify-report FILE)', async () => {
    const statuses: number[] = [];
    const seen: unknown[] = [];
    const command = verifyReportCommand().exitOverride();
    const handle: CommandHandler<VerifyReportOptions> = (options) => {
      seen.push(options);
      return Promise.resolve(0);
    };
    lazyActionWith(command, sinkFor(statuses), () => Promise.resolve({ handle }), verifyReportOptions);
    await command.parseAsync(['attestation.json', '--public-key', 'key.pem'], { from: 'user' });
    assert.deepEqual(seen, [{ file: 'attestation.json', publicKey: 'key.pem' }]);
    assert.deepEqual(statuses, [0]);
  });
});
