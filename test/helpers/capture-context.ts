import { PassThrough } from 'node:stream';
import type { CommandContext } from '../../src/cli/command-context.js';

/** A command context whose stdout and stderr are kept, for calling a command handler directly. */
export function captureContext(): { context: CommandContext; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { context: { stdout, stderr, signal: new AbortController().signal, isTTY: false }, out: () => out, err: () => err };
}
