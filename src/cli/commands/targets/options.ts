import { Command } from '@commander-js/extra-typings';

/** `targets install [NAMES...]`'s command line. */
export function targetsInstallCommand() {
  return new Command('install')
    .description('install the named SDK implementations (default: every one whose runtime is here); exit 1 when an install fails')
    .argument('[names...]', 'azure-iot-python-sdk, azure-iot-java-sdk');
}

/** What the install handler takes: the names given (none: every one). */
export function targetsInstallOptions([names]: [string[]]): { names: string[] } {
  return { names };
}

export type TargetsInstallOptions = ReturnType<typeof targetsInstallOptions>;

/** `targets list`'s command line. */
export function targetsListCommand() {
  return new Command('list').description('every bundled implementation: installed, not yet installed, or missing its runtime');
}
