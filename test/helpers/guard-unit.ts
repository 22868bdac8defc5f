import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import type Mocha from 'mocha';

/**
 * Root hook plugin of `npm run test:unit` (docs/performance.md, "The test loop"): what makes a test
 * file a unit test, enforced while it runs, so that a slow test cannot creep into the fast loop.
 * - no child process (the built CLI, an adapter, an SDK, pip, mvn, npm, a browser): every function
 *   of node:child_process throws;
 * - no connection beyond loopback (no network install, no remote service);
 * - at most CPU_BUDGET_MS of CPU per test (CPU, not wall time, so that the verdict does not change with
 *   the machine's load; hooks are bounded by mocha's timeout).
 * A test that needs any of these belongs in a file named `*.integration.test.ts`, which `npm test`
 * runs and `npm run test:unit` does not.
 */

/** per test; DPSC_UNIT_CPU_BUDGET_MS changes it (the guard's own test sets a small one) */
export const CPU_BUDGET_MS = Number(process.env['DPSC_UNIT_CPU_BUDGET_MS'] ?? 2_000);

const RULE = 'unit tests (npm run test:unit) start no child process and connect to loopback only; name the file *.integration.test.ts';

const CHILD_PROCESS_FUNCTIONS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

function refuseChildProcesses(): void {
  const module = childProcess as unknown as Record<string, unknown>;
  for (const name of CHILD_PROCESS_FUNCTIONS) {
    module[name] = (command: unknown) => {
      throw new Error(`child_process.${name}(${JSON.stringify(String(command)).slice(0, 80)}): ${RULE}`);
    };
  }
  // the ESM named exports (`import { spawn } from 'node:child_process'`) follow the patched module
  syncBuiltinESMExports();
}

function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '' || host === 'localhost') return true;
  return /^127\./.test(host) || host === '::1' || host === '[::1]' || /^::ffff:127\./.test(host);
}

/** The host a net.Socket#connect call dials, or undefined for a Unix socket or a default (loopback). */
function hostOf(args: unknown[]): { host?: string; ipc: boolean } {
  const [first, second] = args;
  const unwrapped = Array.isArray(first) ? (first[0] as unknown) : first;
  if (typeof unwrapped === 'object' && unwrapped !== null) {
    const options = unwrapped as { path?: string; host?: string };
    if (options.path !== undefined) return { ipc: true };
    return options.host !== undefined ? { host: options.host, ipc: false } : { ipc: false };
  }
  if (typeof unwrapped === 'string' && !/^\d+$/.test(unwrapped)) return { ipc: true };
  return typeof second === 'string' ? { host: second, ipc: false } : { ipc: false };
}

function refuseRemoteConnections(): void {
  // called below with the socket as `this`, as the original method
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const connect = net.Socket.prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const { host, ipc } = hostOf(args);
    if (!ipc && !isLoopback(host)) throw new Error(`connect to ${String(host)}: ${RULE}`);
    return connect.apply(this, args);
  };
}

// at load (mocha --require), before the test files import the modules they test, so that a module
// that keeps its own reference to spawn (CommonJS destructuring) gets the refusing one too
refuseChildProcesses();
refuseRemoteConnections();

let cpuAtStart: NodeJS.CpuUsage | undefined;
const overBudget: string[] = [];

function startCpuClock(): void {
  cpuAtStart = process.cpuUsage();
}

function chargeCpuToTest(this: Mocha.Context): void {
  if (!cpuAtStart) return;
  const used = process.cpuUsage(cpuAtStart);
  const ms = (used.user + used.system) / 1000;
  if (ms > CPU_BUDGET_MS && this.currentTest) overBudget.push(`${this.currentTest.file ?? ''}: ${this.currentTest.fullTitle()} (${Math.round(ms)} ms of CPU)`);
}

function noTestOverItsCpuBudget(): void {
  if (overBudget.length === 0) return;
  const list = overBudget.map((line) => `  ${line}`).join('\n');
  overBudget.length = 0;
  throw new Error(`tests over the unit budget of ${CPU_BUDGET_MS} ms of CPU each; make them cheaper or name their files *.integration.test.ts:\n${list}`);
}

export const mochaHooks = { beforeEach: startCpuClock, afterEach: chargeCpuToTest, afterAll: noTestOverItsCpuBudget };
