import type { CommandContext, CommandHandler } from './command-context.js';

/** Sets the exit status chosen by the command's handler; main reads it once commander is done. */
export interface ActionSink {
  context: CommandContext;
  setStatus(status: number): void;
}

/**
 * Builds a commander action that imports the command's handler only when the command runs, so
 * `--help` and cheap commands do not load Pact, mocha or the emulator.
 */
export function lazyAction<Options>(
  sink: ActionSink,
  load: () => Promise<{ handle: CommandHandler<Options> }>,
  toOptions: (args: unknown[]) => Options,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const options = toOptions(args);
    const { handle } = await load();
    sink.setStatus(await handle(options, sink.context));
  };
}

/** The usual commander action shape: positional arguments, then the options object, then the command. */
export function optionsOf<Options>(args: unknown[]): Options {
  return args[args.length - 2] as Options;
}
