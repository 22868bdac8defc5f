import type { RunPhase } from '../../results/run-phase.js';
import { terminalText } from './terminal-text.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The phase timings of a run as console lines (none when the run has no phases). */
export function formatRunPhases(phases: readonly RunPhase[] | undefined): string[] {
  if (!phases || phases.length === 0) return [];
  const width = Math.max(...phases.map((p) => p.name.length));
  return ['phases (they overlap where implementations run side by side):', ...phases.map((p) => `  ${terminalText(p.name).padEnd(width)}  ${seconds(p.ms).padStart(7)}  (from ${seconds(p.startMs)})`)];
}
