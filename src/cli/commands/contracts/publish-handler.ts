import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { ContractsPublishOptions } from './define.js';

export const handle: CommandHandler<ContractsPublishOptions> = () => {
  return Promise.reject(notAvailableError('`contracts publish`'));
};
