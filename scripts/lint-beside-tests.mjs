// `npm test` runs the lint beside the tests rather than before them: eslint's minute of CPU fills the
// time the tests spend waiting (Retry-After delays, timeouts, child processes starting), and the whole
// run ends that much sooner (docs/performance.md, "The project's own tests").
// Usage: node scripts/lint-beside-tests.mjs COMMAND [ARG...]   (the test command, run with its output as is)
// The lint's output is printed as one block when it ends (at once when it failed, else after the
// tests); the exit status is the tests' when they failed, else the lint's.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node scripts/lint-beside-tests.mjs COMMAND [ARG...]\n');
  process.exit(2);
}

function finished(child) {
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ status: 2, error }));
    child.on('close', (status, signal) => resolve({ status: status ?? (signal ? 1 : 0) }));
  });
}

const lint = spawn('npm', ['run', '--silent', 'lint'], { stdio: ['ignore', 'pipe', 'pipe'] });
let lintOutput = '';
lint.stdout.setEncoding('utf8').on('data', (text) => (lintOutput += text));
lint.stderr.setEncoding('utf8').on('data', (text) => (lintOutput += text));
const linted = finished(lint).then((result) => {
  if (result.status !== 0) process.stderr.write(`\nnpm run lint failed (exit ${result.status}):\n${lintOutput}${result.error ? `${result.error.message}\n` : ''}\n`);
  return result;
});

const tests = spawn(command, args, { stdio: 'inherit' });
// Ctrl-C reaches both children through the terminal; a SIGTERM to this process is passed on
process.on('SIGTERM', () => {
  tests.kill('SIGTERM');
  lint.kill('SIGTERM');
});
const tested = await finished(tests);
const lintResult = await linted;
if (lintResult.status === 0 && lintOutput.trim() !== '') process.stderr.write(`\nnpm run lint:\n${lintOutput}`);
process.exitCode = tested.status !== 0 ? tested.status : lintResult.status;
