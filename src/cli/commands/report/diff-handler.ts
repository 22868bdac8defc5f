import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { ReportDiffOptions } from './define.js';

export const handle: CommandHandler<ReportDiffOptions> = () => {
  return Promise.reject(notAvailableError('`report diff`'));
};
