import type { CommandHandler } from '../../command-context.js';
import { notAvailableError } from '../../../errors/harness-error.js';
import type { WebhookCommandOptions } from './define.js';

export const handle: CommandHandler<WebhookCommandOptions> = () => {
  return Promise.reject(notAvailableError('`webhook`'));
};
