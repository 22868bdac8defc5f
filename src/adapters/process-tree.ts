import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The environment variable that marks every process an adapter starts: its children inherit it, and so
 * do the ones that leave its process group (`setsid`, a daemon), which a signal to the group misses.
 */
export const PROCESS_TREE_VARIABLE = 'DPSC_ADAPTER_TREE';

/** A process of an adapter's tree found running after the adapter ended. */
export interface LeftProcess {
  pid: number;
  /** its process group (an adapter's own group is its pid: a process outside it escaped a group signal) */
  group: number;
  /** its command line, cut to 200 characters */
  command: string;
}

const NUL = Buffer.from([0]);

/** A fresh tag for one adapter process's tree. */
export function newTreeTag(): string {
  return randomUUID();
}

/**
 * The processes still running that carry `tag` in their environment (Linux: /proc/PID/environ, readable
 * for the user's own processes). Zombies are left out (already dead, their environment is gone). Where
 * there is no /proc nothing can be found: an empty list.
 */
export async function findTaggedProcesses(tag: string, procRoot = '/proc'): Promise<LeftProcess[]> {
  let names: string[];
  try {
    names = await readdir(procRoot);
  } catch {
    return [];
  }
  const needle = Buffer.from(`\0${PROCESS_TREE_VARIABLE}=${tag}\0`);
  const found: LeftProcess[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      // NUL ends every entry: one added at each end makes the first and last entries match like the others
      const environ = Buffer.concat([NUL, await readFile(join(procRoot, name, 'environ')), NUL]);
      if (!environ.includes(needle)) continue;
      const stat = await readFile(join(procRoot, name, 'stat'), 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const command = (await readFile(join(procRoot, name, 'cmdline'))).toString('utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
      found.push({ pid: Number(name), group: Number(fields[2]), command: command.length > 200 ? `${command.slice(0, 199)}…` : command });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * Kills (SIGKILL) every process still carrying `tag` and says which there were. Called once the adapter
 * and its process group are gone, so whatever is found escaped the group.
 */
export async function killTaggedProcesses(tag: string, procRoot = '/proc'): Promise<LeftProcess[]> {
  const left = await findTaggedProcesses(tag, procRoot);
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return left;
}
