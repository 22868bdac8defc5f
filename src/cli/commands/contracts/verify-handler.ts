import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { ContractsVerifyOptions } from './define.js';

export const handle: CommandHandler<ContractsVerifyOptions> = () => {
  return Promise.reject(notAvailableError('`contracts verify`'));
};
