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
  /** `--waivers`: how many results they waived, and the waivers that applied to nothing (expired, or matching no failure) */
  waivers?: WaiverSummary;
  /** `--sign`: ctrf.json is signed with this key, in the file named (attestation.json beside it) */
  signature?: { keyId: string; file: string };
  /** `run`: how long each phase took (suites, SDK start-ups, report writing); phases may overlap */
  phases?: RunPhase[];
}

/** A waiver as reports show it (the `--waivers` entry, without anything else). */
export interface WaiverNote {
  checkId: string;
  caseId?: string;
  implementation?: string;
  reason: string;
  expires: string;
}

/** What the run's waivers did: every report shows it, since a customer must see what was accepted and what no longer is. */
export interface WaiverSummary {
  /** waivers given */
  given: number;
  /** results a waiver applied to */
  waivedResults: number;
  /** past their expiry day: they applied to nothing */
  expired: WaiverNote[];
  /** live, but matched no failed or errored result (fixed? then remove it) */
  unused: WaiverNote[];
}
