import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { HarnessError, HarnessErrorCode } from '../errors/harness-error.js';
import type { RunOptions } from './common-options.js';

/** What an errno means for a path the user gave, in a few words. */
const MEANING: Readonly<Record<string, string>> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name exists, not a directory',
  EISDIR: 'a directory, not a file',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
};

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as NodeJS.ErrnoException).code) : String(error);
}

function pathError(option: string, path: string, what: string, code: string, cause?: unknown): HarnessError {
  const meaning = MEANING[code];
  return new HarnessError(
    HarnessErrorCode.UNREADABLE_FILE,
    `${option} ${path}: ${what}: ${code}${meaning ? ` (${meaning})` : ''}`,
    { option, path, code },
    cause === undefined ? undefined : { cause },
  );
}

/** stat, or the error code (never throws). */
async function statOrCode(path: string): Promise<{ isDirectory: boolean; isFile: boolean } | string> {
  try {
    const s = await stat(path);
    return { isDirectory: s.isDirectory(), isFile: s.isFile() };
  } catch (error) {
    return codeOf(error);
  }
}

/**
 * Makes sure the report directory can be written before any work starts (docs/contract/cli.md,
 * "Output directory"): creates it and its missing parents one level at a time (Node's recursive
 * mkdir spins for ever on a path under /proc), then creates and removes a probe file in it. Any
 * failure is a usage error (exit 2) naming the option, the path and the real cause (EROFS, EACCES,
 * ENOTDIR, EEXIST, ...), never a late or misleading one.
 */
export async function checkOutDir(dir: string, option = '--out'): Promise<void> {
  const target = resolve(dir);
  const missing: string[] = [];
  let at = target;
  for (;;) {
    const found = await statOrCode(at);
    if (typeof found !== 'string') {
      if (!found.isDirectory) {
        const what = at === target ? 'is a file, not a directory' : `${at} is a file, not a directory`;
        throw pathError(option, dir, what, at === target ? 'EEXIST' : 'ENOTDIR');
      }
      break;
    }
    // a missing level is created below; under a file (ENOTDIR) the walk goes on up to name that file
    if ((found === 'ENOENT' || found === 'ENOTDIR') && dirname(at) !== at) {
      if (found === 'ENOENT') missing.unshift(at);
      at = dirname(at);
      continue;
    }
    throw pathError(option, dir, `cannot look up ${at}`, found);
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EEXIST' && typeof (await statOrCode(level)) !== 'string') continue;
      const why = code === 'ENOENT' ? `${dirname(level)} does not accept new directories` : `cannot create ${level}`;
      throw pathError(option, dir, why, code, error);
    }
  }
  const probe = join(target, `.dpsc-write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
  } catch (error) {
    const code = codeOf(error);
    const why = code === 'ENOENT' ? 'the directory does not accept new files' : 'cannot write a file there';
    throw pathError(option, dir, why, code, error);
  }
  await rm(probe, { force: true });
}

/**
 * Checks that every given input file exists, is a regular file and can be opened for reading, before
 * any work starts; the message names the option and the real cause. Absent options are passed over.
 */
export async function checkInputFiles(files: ReadonlyArray<readonly [option: string, path: string | undefined]>): Promise<void> {
  for (const [option, path] of files) {
    if (path === undefined) continue;
    const found = await statOrCode(path);
    if (typeof found === 'string') throw pathError(option, path, found === 'ENOENT' ? 'does not exist' : 'cannot read it', found);
    if (found.isDirectory) throw pathError(option, path, 'is not a file', 'EISDIR');
    // a pipe or device is read as it comes (opening a FIFO here would wait for its writer)
    if (!found.isFile) continue;
    try {
      const handle = await open(path, 'r');
      await handle.close();
    } catch (error) {
      throw pathError(option, path, 'cannot read it', codeOf(error), error);
    }
  }
}

/** The common preflight of the commands that run checks: their input files, then `--out`. */
export async function preflightRun(options: RunOptions, inputs: ReadonlyArray<readonly [option: string, path: string | undefined]> = []): Promise<void> {
  await checkInputFiles([['--declare', options.declare], ['--waivers', options.waivers], ['--sign', options.sign], ...inputs]);
  await checkOutDir(options.out);
}
