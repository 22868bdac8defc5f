import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { RunCommandOptions } from './define.js';

export const handle: CommandHandler<RunCommandOptions> = () => {
  return Promise.reject(notAvailableError('`run` (the suites it runs are still being built)'));
};
