import { unknownValuesError } from '../../../errors/harness-error.js';
import { BUNDLED_IMPLEMENTATIONS, ensureInstalled, installableImplementations } from '../../../targets/index.js';
import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import type { TargetsInstallOptions } from './options.js';

/**
 * `targets install [NAME...]`: installs SDK implementations ahead of time (for CI images). With no
 * names, every installable one; one whose runtime is missing is then reported and passed over.
 */
export const handle: CommandHandler<TargetsInstallOptions> = async (options, context) => {
  const installable = installableImplementations();
  const unknown = options.names.filter((name) => !BUNDLED_IMPLEMENTATIONS.some((i) => i.name === name));
  if (unknown.length > 0) throw unknownValuesError('targets install', unknown, BUNDLED_IMPLEMENTATIONS.map((i) => i.name), 'bundled implementation');
  const chosen = options.names.length === 0 ? installable : BUNDLED_IMPLEMENTATIONS.filter((i) => options.names.includes(i.name));
  const say = (line: string): void => {
    context.stderr.write(`${line}\n`);
  };
  let status: number = ExitStatus.OK;
  for (const implementation of chosen) {
    const readiness = await ensureInstalled(implementation, { progress: say, signal: context.signal });
    if (readiness.state === 'ready') {
      context.stdout.write(`${implementation.name}: ${readiness.dir ? `installed in ${readiness.dir}` : 'ready (ships with dps-conformance)'}\n`);
    } else if (readiness.state === 'missing-runtime') {
      context.stdout.write(`${implementation.name}: not installed: ${readiness.reason}\n`);
      if (options.names.length > 0) status = ExitStatus.MUST_FAILED;
    } else {
      context.stdout.write(`${implementation.name}: ${readiness.reason}\n`);
      status = ExitStatus.MUST_FAILED;
    }
  }
  return status;
};
