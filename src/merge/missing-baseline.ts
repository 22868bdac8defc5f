/**
 * What `report diff` says when its baseline does not exist yet (the first run of a workflow): where it
 * looked, and the two ways to make one (docs/ci.md "The baseline").
 */
export function missingBaselineAdvice(basePath: string, current: string): string {
  return [
    `no baseline at ${basePath} yet: a baseline is the ctrf.json of a run you accept (usually the main branch's last merged run).`,
    `Make the first one from this run: copy ${current.endsWith('.json') ? current : `${current.replace(/\/+$/, '')}/ctrf.json`} to ${basePath} and commit it,`,
    'or keep the main branch\'s merged report as the baseline in CI (docs/ci.md, "The baseline")',
  ].join(' ');
}
