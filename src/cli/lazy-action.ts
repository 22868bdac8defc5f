import type { Command, OptionValues } from '@commander-js/extra-typings';
import type { CommandContext, CommandHandler } from './command-context.js';

/** Sets the exit status chosen by the command's handler; main reads it once commander is done. */
export interface ActionSink {
  context: CommandContext;
  setStatus(status: number): void;
}

/** What commander parsed for a command's options, typed from the command's own option definitions. */
export type OptionsOf<C extends { opts(): OptionValues }> = ReturnType<C['opts']>;

/**
 * Gives the command an action that imports its handler only when the command runs, so `--help` and
 * cheap commands do not load Pact, mocha or the emulator. The handler receives the parsed options as
 * `@commander-js/extra-typings` infers them from the definitions: a handler that reads an option the
 * command does not define, or reads it as the wrong type, does not compile.
 */
export function lazyAction<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
  sink: ActionSink,
  load: () => Promise<{ handle: CommandHandler<Opts> }>,
): Command<Args, Opts, Globals> {
  return lazyActionWith(command, sink, load, (_args, options) => options);
}

/** lazyAction for a command with positional arguments: `toOptions` folds them into what the handler takes. */
export function lazyActionWith<
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
  HandlerOptions,
>(
  command: Command<Args, Opts, Globals>,
  sink: ActionSink,
  load: () => Promise<{ handle: CommandHandler<HandlerOptions> }>,
  toOptions: (args: Args, options: Opts) => HandlerOptions,
): Command<Args, Opts, Globals> {
  return command.action(async () => {
    // commander has set both before it calls the action: the arguments after their parsers, the options after theirs
    const options = toOptions(command.processedArgs, command.opts());
    const { handle } = await load();
    sink.setStatus(await handle(options, sink.context));
  });
}
