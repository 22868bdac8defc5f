import type { CheckResult, ImplementationRef } from '../../results/check-result.js';

type Named = Pick<CheckResult, 'implementation'>;

/**
 * The one name every report (console, summary.md, report.html, JUnit, CTRF, badges) gives an
 * implementation: its display name and version (`Azure IoT Java SDK 2.1.3`) when it has a display name,
 * else its package coordinate (`name@version`, or a webhook URL alone).
 */
export function implementationLabel(result: Named): string {
  return labelOf(result.implementation);
}

/** implementationLabel of an implementation reference. */
export function labelOf(implementation: ImplementationRef): string {
  const { name, version, displayName } = implementation;
  if (displayName !== undefined && displayName !== name) return version === undefined ? displayName : `${displayName} ${version}`;
  return version === undefined ? name : `${name}@${version}`;
}

/** The package coordinate, `name@version` (or the name alone): what a waiver or `report diff` matches on. */
export function implementationCoordinate(result: Named): string {
  const { name, version } = result.implementation;
  return version === undefined ? name : `${name}@${version}`;
}

/** Whether the label hides a longer coordinate that a report should offer beside it (a tooltip, a legend line). */
export function hasOwnCoordinate(result: Named): boolean {
  return implementationLabel(result) !== implementationCoordinate(result);
}
