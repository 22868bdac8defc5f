import type { CommandContext } from './command-context.js';

/** A warning sink for loaders: one `dps-conformance: warning: ...` line on the command's stderr. */
export function warnTo(context: Pick<CommandContext, 'stderr'>): (message: string) => void {
  return (message) => context.stderr.write(`dps-conformance: warning: ${message}\n`);
}
