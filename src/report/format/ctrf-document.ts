/**
 * The part of the CTRF document shape (https://ctrf.io, schema in the `ctrf` package) that
 * dps-conformance writes and reads. Our own data lives in the `extra` extension points.
 */
export const CTRF_SPEC_VERSION = '0.0.0';
/** Version of what dps-conformance keeps in `extra`; bump it when that layout changes incompatibly. */
export const DPSC_CTRF_EXTRA_VERSION = 4;

export type CtrfStatus = 'passed' | 'failed' | 'skipped' | 'pending' | 'other';

export interface CtrfTest {
  name: string;
  status: CtrfStatus;
  duration: number;
  rawStatus?: string;
  message?: string;
  /** the crash output or stack, for CTRF tools that show a failure's trace */
  trace?: string;
  suite?: string[];
  tags?: string[];
  extra?: Record<string, unknown>;
}

export interface CtrfDocument {
  reportFormat: 'CTRF';
  specVersion: string;
  timestamp?: string;
  generatedBy?: string;
  results: {
    tool: { name: string; version?: string };
    summary: {
      tests: number;
      passed: number;
      failed: number;
      skipped: number;
      pending: number;
      other: number;
      suites?: number;
      start: number;
      stop: number;
      duration?: number;
      extra?: Record<string, unknown>;
    };
    tests: CtrfTest[];
    environment?: { shardId?: string; healthy?: boolean };
    extra?: Record<string, unknown>;
  };
}
