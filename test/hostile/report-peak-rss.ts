/**
 * Preloaded into the CLI under test (`--import`): on exit it writes the process's own peak resident set
 * size (`process.resourceUsage().maxRSS`, KiB) to the file named by DPSC_PEAK_RSS_FILE. The variable and
 * the preload are removed from the environment at once, so adapters and workers the CLI starts do not
 * inherit them and only the CLI itself is measured.
 */
import { writeFileSync } from 'node:fs';

const file = process.env['DPSC_PEAK_RSS_FILE'];
delete process.env['DPSC_PEAK_RSS_FILE'];
delete process.env['NODE_OPTIONS'];
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
