import type { CheckResult } from '../../results/check-result.js';
import { groupBy } from '../../results/summarise-results.js';
import { implementationLabel } from './implementation-label.js';
import { mdText } from './markdown-escape.js';
import { mustPassPercent, summariseImplementations } from './implementation-summary.js';

/** A shields.io endpoint badge (schemas/harness/shields-endpoint.schema.json, from https://shields.io/badges/endpoint-badge). */
export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

export interface Badge {
  /** the file name under badges/, e.g. `azure-iot-provisioning-device.json` */
  file: string;
  implementation: string;
  endpoint: ShieldsEndpoint;
}

export const BADGE_LABEL = 'DPS conformance';

/** A file name from an implementation name: lower-case letters, digits, `.`, `_` and `-`; a URL keeps host and path. */
export function badgeFileName(name: string): string {
  const bare = name.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[?#].*$/, '');
  const slug = bare.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 100);
  return `${slug || 'implementation'}.json`;
}

function colour(percent: number | undefined): string {
  if (percent === undefined) return 'lightgrey';
  if (percent === 100) return 'brightgreen';
  if (percent >= 80) return 'yellow';
  return 'red';
}

/**
 * One badge per implementation (name and version: a merged report across versions gets the newest
 * file last, so name clashes take the version into the file name): the dialects and transports that
 * ran and the MUST pass rate, e.g. `ga mqtt https 100% MUST`.
 */
export function formatBadges(results: readonly CheckResult[]): Badge[] {
  const summaries = summariseImplementations(results);
  const byLabel = groupBy(results, implementationLabel);
  const names = groupBy(summaries, (s) => s.name);
  return summaries.map((summary) => {
    const own = (byLabel.get(summary.label) ?? []).filter((r) => r.outcome !== 'skipped');
    const dialects = [...new Set(own.map((r) => r.dialect))].sort();
    const transports = [...new Set(own.map((r) => r.transport))].sort();
    const percent = mustPassPercent(summary);
    const message = percent === undefined ? 'not run' : `${[...dialects, ...transports].join(' ')} ${percent}% MUST`;
    const clash = (names.get(summary.name)?.length ?? 0) > 1;
    const file = badgeFileName(clash && summary.version !== undefined ? `${summary.name}-${summary.version}` : summary.name);
    return { file, implementation: summary.label, endpoint: { schemaVersion: 1, label: BADGE_LABEL, message, color: colour(percent) } };
  });
}

/** The Markdown that shows a badge, once the badge file is published at `baseUrl` (see docs/badges.md). */
export function badgeMarkdown(badge: Badge, baseUrl: string): string {
  const url = `${baseUrl.replace(/\/+$/, '')}/badges/${badge.file}`;
  return `[![${mdText(badge.implementation)}](https://img.shields.io/endpoint?url=${encodeURIComponent(url)})](${baseUrl.replace(/\/+$/, '')}/report.html)`;
}

/** Where summary.md's snippet points until the user says (`DPSC_BADGE_BASE_URL`): a placeholder to replace. */
export const BADGE_BASE_PLACEHOLDER = 'https://YOUR-HOST/conformance-report';

/** The summary.md section: one badge line per implementation, in an indented code block (no fence to break) to copy into a README. */
export function badgeSection(results: readonly CheckResult[], baseUrl = BADGE_BASE_PLACEHOLDER): string[] {
  const badges = formatBadges(results);
  if (badges.length === 0) return [];
  const where = baseUrl === BADGE_BASE_PLACEHOLDER ? ` (replace ${BADGE_BASE_PLACEHOLDER} with where you publish this report directory)` : '';
  return ['## Badges', '', `shields.io endpoint badges are in \`badges/\`; Markdown for a README${where}:`, '', ...badges.map((b) => `    ${badgeMarkdown(b, baseUrl)}`), ''];
}
