import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { DeviceCommandOptions } from './define.js';

export const handle: CommandHandler<DeviceCommandOptions> = () => {
  return Promise.reject(notAvailableError('`device`'));
};
