import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installAtomically } from './atomic-install.js';
import type { BundledImplementation } from './bundled-implementation.js';
import { targetsCacheDir } from './cache-dir.js';
import { findOnPath } from './find-on-path.js';
import { InstallFailure } from './install-failure.js';
import { readMarker } from './install-marker.js';

/** Whether an implementation can be run here, and how. */
export type TargetReadiness =
  | { state: 'ready'; command: string; installedNow: boolean; dir?: string }
  | { state: 'missing-runtime'; missing: string[]; reason: string }
  | { state: 'install-failed'; reason: string; logPath: string };

export interface EnsureOptions {
  env?: NodeJS.ProcessEnv;
  /** progress lines for a person (stderr) */
  progress?: (line: string) => void;
  signal?: AbortSignal | undefined;
  /** seconds between "still installing" lines (default 15) */
  heartbeatSeconds?: number;
}

/** The cache directory of this exact install (name, versions, adapter sources). */
export function installDirOf(implementation: BundledImplementation, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const installer = implementation.installer;
  return installer ? join(targetsCacheDir(env), implementation.name, installer.key(env)) : undefined;
}

/** The programs an implementation needs that are not on PATH (install tools only while it is not installed). */
export function missingPrograms(implementation: BundledImplementation, env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = installDirOf(implementation, env);
  const installed = dir !== undefined && readMarker(dir) !== undefined;
  const needed = [...implementation.runtimes, ...(installed ? [] : (implementation.installTools ?? []))];
  return needed.filter((program) => findOnPath(program, env) === undefined);
}

function logPathFor(name: string, env: NodeJS.ProcessEnv): string {
  const dir = join(targetsCacheDir(env), 'logs');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return join(dir, `${name}-${stamp}-${process.pid}.log`);
}

/**
 * Makes an implementation ready to run: checks its programs, installs it into the cache when it is
 * not there yet (with progress, atomically), and resolves with its adapter command. Never rejects for
 * a missing program or a failed install: those are answers the run turns into a row that says why.
 */
export async function ensureInstalled(implementation: BundledImplementation, options: EnsureOptions = {}): Promise<TargetReadiness> {
  const env = options.env ?? process.env;
  const progress = options.progress ?? (() => undefined);
  const missing = missingPrograms(implementation, env);
  if (missing.length > 0) {
    return { state: 'missing-runtime', missing, reason: `${missing.join(' and ')} not found on PATH; ${implementation.name} needs ${[...implementation.runtimes, ...(implementation.installTools ?? [])].join(', ')}` };
  }
  const { installer } = implementation;
  if (!installer) return { state: 'ready', command: implementation.command?.() ?? '', installedNow: false };
  const dir = installDirOf(implementation, env)!;
  if (readMarker(dir)) return { state: 'ready', command: installer.command(dir), installedNow: false, dir };

  const logPath = logPathFor(implementation.name, env);
  writeFileSync(logPath, `installing ${implementation.name}: ${installer.describe(env)}\ninto ${dir}\n`);
  const started = Date.now();
  progress(`installing ${implementation.name}: ${installer.describe(env)} into ${dir} (first use; log: ${logPath})`);
  const heartbeat = setInterval(() => progress(`  still installing ${implementation.name} (${Math.round((Date.now() - started) / 1000)} s)`), (options.heartbeatSeconds ?? 15) * 1000);
  try {
    await installAtomically(dir, { name: implementation.name, installed: installer.describe(env), key: installer.key(env) }, (tmp) =>
      installer.install(tmp, { logPath, env, signal: options.signal, progress: (line) => progress(`  ${implementation.name}: ${line}`) }),
    );
  } catch (error) {
    const reason = error instanceof InstallFailure ? error.message : `${error instanceof Error ? error.message : String(error)}; see ${logPath}`;
    progress(`install of ${implementation.name} FAILED: ${reason}`);
    return { state: 'install-failed', reason: `install of ${implementation.name} failed: ${reason}`, logPath };
  } finally {
    clearInterval(heartbeat);
  }
  progress(`installed ${implementation.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { state: 'ready', command: installer.command(dir), installedNow: true, dir };
}
