import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import type Mocha from 'mocha';

/**
 * Root hook plugin for every test run (.mocharc.json `require`): no test writes to standard output,
 * which belongs to the reporter (`--reporter json` writes its document there). A write made while a
 * test or hook of a test file runs goes to standard error instead, and the run fails at its end
 * naming the test. A test that has something to say writes to process.stderr.
 * A process started meanwhile with the run's standard output as its own (stdio 'inherit', fork's
 * default) would write past process.stdout.write: it gets standard error instead, and the run fails
 * the same way, whether or not it wrote anything, so that the verdict does not depend on what it had
 * to say that day.
 */

interface Offence {
  where: string;
  text: string;
}

const offences: Offence[] = [];
let running: string | undefined;
/** roots already watched (under --parallel each worker runs file after file, each with its own root) */
const watchedRoots = new WeakSet<Mocha.Suite>();

type AnyFn = (this: Mocha.Context, ...args: unknown[]) => unknown;

/** Wraps a test or hook function so that the guard knows when its code runs; keeps its arity (mocha reads it). */
function watch(runnable: Mocha.Runnable): void {
  const original = runnable.fn as AnyFn | undefined;
  if (!original) return;
  const where = `${runnable.file ?? ''}: ${runnable.fullTitle() || runnable.title}`;
  const enter = (): void => {
    running = where;
  };
  const leave = (): void => {
    running = undefined;
  };
  if (original.length === 0) {
    runnable.fn = function (this: Mocha.Context) {
      enter();
      try {
        const result = original.call(this);
        if (result instanceof Promise) return result.finally(leave);
        leave();
        return result;
      } catch (error) {
        leave();
        throw error;
      }
    } as Mocha.Func;
  } else {
    runnable.fn = function (this: Mocha.Context, done: Mocha.Done) {
      enter();
      try {
        return original.call(this, (error?: unknown) => {
          leave();
          done(error);
        });
      } catch (error) {
        leave();
        throw error;
      }
    } as Mocha.Func;
  }
}

/** mocha keeps a suite's hooks in these arrays; they have not changed since mocha 1 */
const HOOK_ARRAYS = ['_beforeAll', '_beforeEach', '_afterEach', '_afterAll'] as const;

function watchSuite(suite: Mocha.Suite): void {
  for (const test of suite.tests) watch(test);
  for (const name of HOOK_ARRAYS) {
    const hooks = (suite as unknown as Record<string, Mocha.Hook[] | undefined>)[name];
    for (const hook of hooks ?? []) watch(hook);
  }
  for (const child of suite.suites) watchSuite(child);
}

const originalWrite = process.stdout.write.bind(process.stdout);

function guardedWrite(this: unknown, ...args: Parameters<typeof process.stdout.write>): boolean {
  if (running === undefined) return originalWrite(...args);
  const [chunk] = args;
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  if (offences.length < 20) offences.push({ where: running, text: text.slice(0, 120) });
  return process.stderr.write(...args);
}

type StdioEntry = unknown;

/** Where a child's standard output goes when its options say `stdio` (fork: `silent` too). */
function sharesStandardOutput(stdio: unknown, forked: boolean, silent: unknown): boolean {
  if (stdio === undefined) return forked && silent !== true;
  if (stdio === 'inherit') return true;
  if (!Array.isArray(stdio)) return false;
  const out: StdioEntry = stdio[1];
  return out === 'inherit' || out === 1 || out === process.stdout;
}

/** The same stdio with standard error in place of standard output. */
function withStandardErrorForOutput(stdio: unknown, forked: boolean): StdioEntry[] {
  const entries: StdioEntry[] = Array.isArray(stdio) ? [...(stdio as StdioEntry[])] : ['inherit', 'inherit', 'inherit'];
  entries[1] = 2;
  if (forked && !entries.includes('ipc')) entries.push('ipc');
  return entries;
}

type SpawningFunction = (...args: unknown[]) => unknown;

/** The index of a call's options object (after the command, and its args when given), appending one when absent. */
function optionsOf(args: unknown[]): Record<string, unknown> {
  const last = args.length > 1 ? args[args.length - 1] : undefined;
  if (typeof last === 'object' && last !== null && !Array.isArray(last)) {
    const copy = { ...(last as Record<string, unknown>) };
    args[args.length - 1] = copy;
    return copy;
  }
  const added: Record<string, unknown> = {};
  args.push(added);
  return added;
}

function guardChildOutput(name: 'spawn' | 'spawnSync' | 'fork' | 'execSync' | 'execFileSync'): void {
  const module = childProcess as unknown as Record<string, SpawningFunction>;
  const original = module[name]!;
  const forked = name === 'fork';
  module[name] = function (this: unknown, ...args: unknown[]): unknown {
    if (running === undefined) return original.apply(this, args);
    const last = args.length > 1 ? args[args.length - 1] : undefined;
    const given = typeof last === 'object' && last !== null && !Array.isArray(last) ? (last as Record<string, unknown>) : {};
    if (!sharesStandardOutput(given['stdio'], forked, given['silent'])) return original.apply(this, args);
    if (offences.length < 20) offences.push({ where: running, text: `started ${JSON.stringify(String(args[0])).slice(0, 80)} with the run's standard output as its own (give it stdio 'pipe' or 'ignore')` });
    const options = optionsOf(args);
    options['stdio'] = withStandardErrorForOutput(given['stdio'], forked);
    return original.apply(this, args);
  };
}

// at load, as the unit guard does: modules that keep their own reference to these get the guarded ones
for (const name of ['spawn', 'spawnSync', 'fork', 'execSync', 'execFileSync'] as const) guardChildOutput(name);
// the ESM named exports (`import { spawn } from 'node:child_process'`) follow the patched module
syncBuiltinESMExports();

function watchTheFilesOfThisRun(this: Mocha.Context): void {
  let root: Mocha.Suite | undefined = this.test?.parent;
  while (root?.parent) root = root.parent;
  if (!root || watchedRoots.has(root)) return;
  watchedRoots.add(root);
  // the root suite's own hooks are the guards' (this one included): only the files' suites are watched
  for (const suite of root.suites) watchSuite(suite);
  process.stdout.write = guardedWrite as typeof process.stdout.write;
}

function noTestWroteToStandardOutput(): void {
  process.stdout.write = originalWrite;
  if (offences.length === 0) return;
  const list = offences.map((o) => `  ${o.where}: ${JSON.stringify(o.text)}`).join('\n');
  offences.length = 0;
  throw new Error(`tests wrote to standard output, which belongs to the reporter (write to process.stderr instead):\n${list}`);
}

export const mochaHooks = { beforeAll: watchTheFilesOfThisRun, afterAll: noTestWroteToStandardOutput };
