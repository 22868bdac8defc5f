import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { exportContracts } from '../../../contracts/export-contracts.js';
import { checkOutDir } from '../../preflight-paths.js';
import type { ContractsExportOptions } from './options.js';

export const handle: CommandHandler<ContractsExportOptions> = async (options, context) => {
  // a directory we may not write is the user's to fix: a message with the real cause and exit 2
  await checkOutDir(options.dir, 'contracts export');
  let written: string[];
  try {
    written = exportContracts(options.dir);
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    context.stderr.write(`dps-conformance: cannot write the contracts to ${options.dir}: ${failure.code ?? failure.message}\n`);
    return ExitStatus.HARNESS_ERROR;
  }
  for (const file of written) context.stdout.write(`${file}\n`);
  return ExitStatus.OK;
};
