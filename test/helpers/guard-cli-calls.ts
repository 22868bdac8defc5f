import { interruptCallsInFlight } from './run-cli-in-process.js';

/**
 * Root hook plugin for every test run (.mocharc.json `require`): a CLI call made in-process
 * (runCliInProcess) ends with its test. One still running when the test ends (the test timed out, or
 * did not await it) is interrupted as Ctrl-C would, so that its env, cwd and mocha run do not reach
 * into the next test; standard error says which.
 */
async function interruptCliCallsLeftRunning(): Promise<void> {
  const interrupted = await interruptCallsInFlight();
  for (const command of interrupted) process.stderr.write(`(interrupted an in-process CLI call its test left running: ${command})\n`);
}

export const mochaHooks = { afterEach: interruptCliCallsLeftRunning };
