import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { exportContracts } from '../../../contracts/export-contracts.js';
import type { ContractsExportOptions } from './define.js';

export const handle: CommandHandler<ContractsExportOptions> = (options, context) => {
  let written: string[];
  try {
    written = exportContracts(options.dir);
  } catch (error) {
    // a directory we may not write is the user's to fix: a message and exit 2, no stack trace
    const failure = error as NodeJS.ErrnoException;
    context.stderr.write(`dps-conformance: cannot write the contracts to ${options.dir}: ${failure.code ?? failure.message}\n`);
    return Promise.resolve(ExitStatus.HARNESS_ERROR);
  }
  for (const file of written) context.stdout.write(`${file}\n`);
  return Promise.resolve(ExitStatus.OK);
};
