import type { BenchRow } from './bench-row.js';
import { BENCH_DEVICE_COUNTS, measureBaseline, measureEmulator, type Transport, type ThroughputFigure } from './emulator-throughput.js';

/** Alternating rounds per server kind; the best of each counts (the first measurement runs on cold code). */
const ROUNDS = 2;
/** The custom path must reach this share of the static path measured in the same run. */
const CUSTOM_SHARE = 0.6;
/** The static path must reach this share of the bare server. */
const STATIC_SHARE = 0.5;
/** HTTPS registrations/s the custom and static paths must reach at 50 devices. */
const HTTPS_FLOOR = 1500;

type Kind = 'bare' | 'static' | 'custom';
type Figures = Record<Kind, Map<number, ThroughputFigure>>;

const cpu = (f: ThroughputFigure): string => (f.cpuMsPerRegistration === undefined ? '?' : `${f.cpuMsPerRegistration.toFixed(2)} ms`);
const best = (a: ThroughputFigure | undefined, b: ThroughputFigure): ThroughputFigure => (a && a.perSecond >= b.perSecond ? a : b);

function errorsNote(label: string, f: ThroughputFigure): string {
  return f.errors === 0 ? '' : `; ${label}: ${f.errors} failed registrations (${Object.entries(f.errorKinds).map(([k, n]) => `${n}x ${k}`).join(', ')})`;
}

/** Measures bare, static and custom at every fleet size, ROUNDS alternating rounds; logs as it goes. */
async function measureAll(transport: Transport, log: (line: string) => void): Promise<Figures> {
  const figures: Figures = { bare: new Map(), static: new Map(), custom: new Map() };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const devices of BENCH_DEVICE_COUNTS) {
      for (const kind of ['bare', 'static', 'custom'] as const) {
        const f = kind === 'bare' ? await measureBaseline(transport, devices) : await measureEmulator(transport, kind, devices);
        figures[kind].set(devices, best(figures[kind].get(devices), f));
        log(`  ${transport} ${kind} ${devices} device(s), round ${round + 1}: ${Math.round(f.perSecond)}/s, ${f.pollsPerRegistration?.toFixed(2) ?? '?'} polls/registration, ${cpu(f)} CPU/registration`);
      }
    }
  }
  return figures;
}

/**
 * The throughput rows of one transport: for each fleet size the custom path (what `emulate` runs by
 * default) against the static path, the static path against the bare server, and the custom path at
 * 50 devices against itself at 5 (it must not get slower as devices are added).
 */
export async function throughputRows(transport: Transport, log: (line: string) => void): Promise<BenchRow[]> {
  const figures = await measureAll(transport, log);
  const get = (kind: Kind, devices: number): ThroughputFigure => figures[kind].get(devices) ?? { perSecond: Number.NaN, errors: 1, errorKinds: { 'not measured': 1 } };
  const method = `best of ${ROUNDS} alternating rounds; devices in a worker thread, closed loop, register then poll to assigned, SAS checked, Retry-After 0`;
  const rows: BenchRow[] = [];
  const largest = BENCH_DEVICE_COUNTS[BENCH_DEVICE_COUNTS.length - 1] ?? 50;
  for (const devices of BENCH_DEVICE_COUNTS) {
    const bare = get('bare', devices);
    const stat = get('static', devices);
    const custom = get('custom', devices);
    const floor = transport === 'https' && devices === largest ? HTTPS_FLOOR : undefined;
    const staticRatio = stat.perSecond / bare.perSecond;
    rows.push({
      name: `${transport} static, ${devices} device(s)`,
      figure: stat.perSecond,
      unit: '/s',
      baseline: bare.perSecond,
      ratio: staticRatio,
      target: `>= ${STATIC_SHARE * 100}% of bare${floor ? ` and >= ${floor}/s` : ''}`,
      met: staticRatio >= STATIC_SHARE && (floor === undefined || stat.perSecond >= floor) && stat.errors === 0,
      note: `${method}; static allocation (no webhook); baseline: ${transport === 'https' ? 'plain node:https server' : 'plain aedes relay'} answering the same two exchanges; process CPU per registration: static ${cpu(stat)}, bare ${cpu(bare)}${errorsNote('static', stat)}${errorsNote('bare', bare)}`,
    });
    const customRatio = custom.perSecond / stat.perSecond;
    rows.push({
      name: `${transport} custom (emulate default), ${devices} device(s)`,
      figure: custom.perSecond,
      unit: '/s',
      baseline: stat.perSecond,
      ratio: customRatio,
      target: `>= ${CUSTOM_SHARE * 100}% of static${floor ? ` and >= ${floor}/s` : ''}`,
      met: customRatio >= CUSTOM_SHARE && (floor === undefined || custom.perSecond >= floor) && custom.errors === 0,
      note: `${method}; the bundled reference webhook in-process over loopback HTTP, as \`emulate\` runs with no --webhook; ${custom.pollsPerRegistration?.toFixed(2) ?? '?'} polls per registration; process CPU per registration: custom ${cpu(custom)}, static ${cpu(stat)} (steadier than rates on a shared machine)${errorsNote('custom', custom)}`,
    });
  }
  const five = get('custom', 5);
  const fifty = get('custom', largest);
  rows.push({
    name: `${transport} custom, ${largest} vs 5 devices`,
    figure: fifty.perSecond,
    unit: '/s',
    baseline: five.perSecond,
    ratio: fifty.perSecond / five.perSecond,
    target: '>= 100% (no slower with more devices)',
    met: fifty.perSecond >= five.perSecond,
    note: `the custom rows above: ${largest} devices against 5 devices`,
  });
  return rows;
}
