import { BUNDLED_IMPLEMENTATIONS, installDirOf, missingPrograms, readMarker, targetsCacheDir } from '../../../targets/index.js';
import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';

/** `targets list`: each bundled implementation, whether it is installed, and what it lacks. */
export const handle: CommandHandler<Record<string, never>> = (_options, context) => {
  const rows: string[][] = [['implementation', 'state', 'details']];
  for (const implementation of BUNDLED_IMPLEMENTATIONS) {
    const missing = missingPrograms(implementation);
    const dir = installDirOf(implementation);
    const marker = dir === undefined ? undefined : readMarker(dir);
    if (!implementation.installer) {
      rows.push([implementation.name, 'ready', 'ships with dps-conformance (Node.js)']);
    } else if (marker && dir) {
      rows.push([implementation.name, missing.length > 0 ? `installed, ${missing.join(' and ')} missing` : 'installed', `${marker.installed}, ${dir}`]);
    } else if (missing.length > 0) {
      rows.push([implementation.name, 'missing runtime', `${missing.join(' and ')} not found on PATH`]);
    } else {
      rows.push([implementation.name, 'not installed', `${implementation.installer.describe(process.env)}; installed on first use or by \`targets install ${implementation.name}\``]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) context.stdout.write(`${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}\n`);
  context.stdout.write(`cache: ${targetsCacheDir()}\n`);
  return Promise.resolve(ExitStatus.OK);
};
