import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { EmulateCommandOptions } from './define.js';

export const handle: CommandHandler<EmulateCommandOptions> = () => {
  return Promise.reject(notAvailableError('`emulate`'));
};
