import type { CheckResult } from '../../results/check-result.js';

/** `name@version`, or the name alone (a webhook URL) when there is no version. */
export function implementationLabel(result: CheckResult): string {
  const { name, version } = result.implementation;
  return version === undefined ? name : `${name}@${version}`;
}
