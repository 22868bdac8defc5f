import type { Command } from 'commander';
import { lazyAction, type ActionSink } from '../../lazy-action.js';

export interface TargetsInstallOptions {
  names: string[];
}

export function defineTargetsCommand(program: Command, sink: ActionSink): void {
  const targets = program
    .command('targets')
    .description('the bundled SDK implementations: install them into the cache ($DPSC_CACHE_DIR, default ~/.cache/dps-conformance) and list what is there');
  targets
    .command('install')
    .description('install the named SDK implementations (default: every one whose runtime is here); exit 1 when an install fails')
    .argument('[names...]', 'azure-iot-python-sdk, azure-iot-java-sdk')
    .action(lazyAction(sink, () => import('./install-handler.js'), (args) => ({ names: (args[0] as string[] | undefined) ?? [] })));
  targets
    .command('list')
    .description('every bundled implementation: installed, not yet installed, or missing its runtime')
    .action(lazyAction(sink, () => import('./list-handler.js'), () => ({})));
}
