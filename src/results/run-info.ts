import type { RunPhase } from './run-phase.js';

/** What a report says about the run as a whole. */
export interface RunInfo {
  tool: { name: 'dps-conformance'; version: string };
  /** the command that ran: `webhook`, `device`, `run`, ... */
  command: string;
  /** digest of the schemas, contracts and corpus the checks came from; `report merge` refuses to mix versions */
  suiteVersion: string;
  startedAt: string;
  finishedAt?: string;
  /** true when the run was interrupted (SIGINT/SIGTERM) or stopped early; the results are what it had */
  incomplete?: boolean;
  incompleteReason?: string;
  /** `i/n` when the run is one shard of several */
  shard?: string;
  /** what the implementation claims (`--declare`) */
  declaration?: unknown;
  /** `run`: how long each phase took (suites, SDK start-ups, report writing); phases may overlap */
  phases?: RunPhase[];
}
