import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { LoadCommandOptions } from './define.js';

export const handle: CommandHandler<LoadCommandOptions> = () => {
  return Promise.reject(notAvailableError('`load`'));
};
