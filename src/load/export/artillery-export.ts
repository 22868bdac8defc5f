import type { Dialect } from '../../results/check-result.js';
import { withoutFunctionKey } from '../../http/function-key-url.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../http/bounded-request.js';
import { LOAD_P95_LIMIT_MS, LOAD_THROUGHPUT_SHARE } from '../load-results.js';
import type { PreparedRequest } from '../load-mix.js';
import { artilleryProcessor } from './artillery-processor.js';

/** The environment variable the exported scenario reads the function key from (never written to a file). */
export const FUNCTION_KEY_VARIABLE = 'DPSC_FUNCTION_KEY';
export const SCENARIO_FILE = 'dpsc-load.yml';
export const PROCESSOR_FILE = 'dpsc-load-processor.cjs';
export const MIX_FILE = 'dpsc-load-mix.json';

export interface LoadExportOptions {
  /** the webhook URL; a `code=` in it is dropped and read from FUNCTION_KEY_VARIABLE at run time */
  url: URL;
  /** whether the webhook needs a key (the URL had one, or --function-key was given) */
  keyRequired: boolean;
  /** the allocation requests of the corpus mix, in the order `load` cycles through them */
  requests: readonly PreparedRequest[];
  ratePerSecond: number;
  durationS: number;
  timeoutMs: number;
}

/** One file of an export: its name inside the directory and its text. */
export interface ExportedFile {
  name: string;
  text: string;
}

/** One mix entry as the processor reads it. */
export interface ExportedMixItem {
  caseId: string;
  dialect: Dialect;
  body: string;
  linkedHubs: readonly string[];
}

/**
 * The `load --webhook` run as an Artillery scenario (YAML, a CommonJS processor and the mix as
 * JSON): the same open-loop arrival rate and duration, the same corpus mix cycled in the same
 * order (with the same `--profile`), each request judged as `load` judges it, and `load`'s pass
 * criteria as `ensure` conditions (no error or timeout, refusals aside, and no dialect refused
 * throughout; p95 under LOAD_P95_LIMIT_MS; at least LOAD_THROUGHPUT_SHARE of the requests started
 * answered correctly, assigned or refused). The function key is not in any file: the processor reads
 * it from FUNCTION_KEY_VARIABLE. See docs/load-distributed.md.
 */
export function artilleryExport(options: LoadExportOptions): ExportedFile[] {
  const target = withoutFunctionKey(options.url);
  const mix: ExportedMixItem[] = options.requests.map((r) => ({ caseId: r.caseId, dialect: r.dialect, body: r.text, linkedHubs: r.linkedHubs }));
  const share = LOAD_THROUGHPUT_SHARE;
  const dialects = [...new Set(mix.map((m) => m.dialect))];
  const yaml = [
    '# dps-conformance load scenario for Artillery (https://www.artillery.io), written by `dps-conformance load --export artillery`.',
    `# Same mix, rate and pass criteria as: dps-conformance load --webhook ${target.origin}${target.pathname} --rate ${options.ratePerSecond} --duration ${options.durationS}`,
    options.keyRequired ? `# The function key is read from the environment variable ${FUNCTION_KEY_VARIABLE} (it is in no file).` : '# The webhook was exported without a function key.',
    '# Run: artillery run dpsc-load.yml        Distributed: see docs/load-distributed.md of dps-conformance.',
    'config:',
    `  target: ${JSON.stringify(target.origin)}`,
    '  phases:',
    `    - duration: ${options.durationS}`,
    `      arrivalRate: ${options.ratePerSecond}`,
    '      name: dpsc-load',
    `  processor: ${JSON.stringify(`./${PROCESSOR_FILE}`)}`,
    '  http:',
    `    timeout: ${Math.max(1, Math.ceil(options.timeoutMs / 1000))}`,
    '  plugins:',
    '    # the ensure plugin ships with Artillery; listing it turns the checks below into the exit status',
    '    ensure: {}',
    '  ensure:',
    '    conditions:',
    '      # load.errors (MUST): no wrong answer, no transport error, no timeout',
    '      # (a refusal, a whole 4xx but 401 and 429, is the policy, not an error)',
    '      - expression: "dpsc.errors == 0 and vusers.failed == 0"',
    '      # load.errors (MUST): a dialect whose every answer was a refusal is no load result:',
    '      # export with --profile (docs/webhook-profiles.md of dps-conformance)',
    ...dialects.map((d) => `      - expression: "dpsc.${d}.ok > 0 or dpsc.${d}.refused == 0"`),
    `      # load.latency.p95 (SHOULD): p95 under ${LOAD_P95_LIMIT_MS} ms`,
    `      - expression: "http.response_time.p95 < ${LOAD_P95_LIMIT_MS}"`,
    `      # load.throughput (SHOULD): at least ${share * 100}% of the requests started were answered correctly`,
    '      # (assigned or refused)',
    `      - expression: "dpsc.ok + dpsc.refused >= ${share} * vusers.created"`,
    'scenarios:',
    '  - name: allocation-request',
    '    flow:',
    '      - post:',
    `          url: ${JSON.stringify(`${target.pathname}${target.search}`)}`,
    '          beforeRequest: "dpscNextRequest"',
    '          afterResponse: "dpscJudgeAnswer"',
    '',
  ].join('\n');
  return [
    { name: SCENARIO_FILE, text: yaml },
    { name: PROCESSOR_FILE, text: artilleryProcessor({
        keyVariable: FUNCTION_KEY_VARIABLE,
        keyRequired: options.keyRequired,
        mixFile: MIX_FILE,
        maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
        dialects,
      }) },
    { name: MIX_FILE, text: `${JSON.stringify(mix, null, 1)}\n` },
  ];
}
