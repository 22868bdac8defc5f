import type Mocha from 'mocha';

/**
 * Root hook plugin for every test run (.mocharc.json `require`): no test writes to standard output,
 * which belongs to the reporter (`--reporter json` writes its document there). A write made while a
 * test or hook of a test file runs goes to standard error instead, and the run fails at its end
 * naming the test. A test that has something to say writes to process.stderr.
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
