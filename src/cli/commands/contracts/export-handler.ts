import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { ContractsExportOptions } from './define.js';

export const handle: CommandHandler<ContractsExportOptions> = () => {
  return Promise.reject(notAvailableError('`contracts export`'));
};
