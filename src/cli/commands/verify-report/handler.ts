import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { VerifyReportOptions } from './define.js';

export const handle: CommandHandler<VerifyReportOptions> = () => {
  return Promise.reject(notAvailableError('`verify-report`'));
};
