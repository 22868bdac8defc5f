/** What every command receives besides its parsed options: where to print, and a signal for Ctrl-C. */
export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** aborted on SIGINT/SIGTERM; long commands stop, write what they have, and return */
  signal: AbortSignal;
  isTTY: boolean;
}

/** A command resolves to its exit status (see exit-status.ts) or throws a HarnessError. */
export type CommandHandler<Options> = (options: Options, context: CommandContext) => Promise<number>;
