import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { ReportMergeOptions } from './define.js';

export const handle: CommandHandler<ReportMergeOptions> = () => {
  return Promise.reject(notAvailableError('`report merge`'));
};
