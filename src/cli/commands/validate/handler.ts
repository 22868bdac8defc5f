import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { ValidateCommandOptions } from './define.js';

export const handle: CommandHandler<ValidateCommandOptions> = () => {
  return Promise.reject(notAvailableError('`validate`'));
};
