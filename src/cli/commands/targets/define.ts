import type { Command } from '@commander-js/extra-typings';
import { lazyAction, lazyActionWith, type ActionSink } from '../../lazy-action.js';
import { targetsInstallCommand, targetsInstallOptions, targetsListCommand } from './options.js';

export function defineTargetsCommand(program: Command, sink: ActionSink): void {
  const targets = program
    .command('targets')
    .description('the bundled SDK implementations: install them into the cache ($DPSC_CACHE_DIR, default ~/.cache/dps-conformance) and list what is there');
  targets.addCommand(
    lazyActionWith(targetsInstallCommand(), sink, () => import('./install-handler.js'), targetsInstallOptions),
  );
  targets.addCommand(lazyAction(targetsListCommand(), sink, () => import('./list-handler.js')));
}
