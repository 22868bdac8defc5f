import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTaggedProcesses, PROCESS_TREE_VARIABLE } from '../../src/adapters/process-tree.js';

/** A /proc with one entry per process: its environment, command line and stat line. */
function fakeProc(processes: Array<{ pid: number; env: string[]; cmdline: string[]; state?: string; group?: number }>): string {
  const root = mkdtempSync(join(tmpdir(), 'dpsc-fake-proc-'));
  for (const p of processes) {
    const dir = join(root, String(p.pid));
    mkdirSync(dir);
    writeFileSync(join(dir, 'environ'), `${p.env.join('\0')}\0`);
    writeFileSync(join(dir, 'cmdline'), `${p.cmdline.join('\0')}\0`);
    writeFileSync(join(dir, 'stat'), `${p.pid} (odd) name) ${p.state ?? 'S'} 1 ${p.group ?? p.pid} ${p.group ?? p.pid} 0 -1 4194304\n`);
  }
  mkdirSync(join(root, 'self'));
  return root;
}

describe('findTaggedProcesses', () => {
  const tag = 'a1b2';
  let root: string;
  before(() => {
    root = fakeProc([
      { pid: 101, env: ['HOME=/root', `${PROCESS_TREE_VARIABLE}=${tag}`], cmdline: ['node', '-e', 'setTimeout()'], group: 101 },
      { pid: 102, env: [`${PROCESS_TREE_VARIABLE}=${tag}`, 'PATH=/bin'], cmdline: ['sleep', '300'], group: 77 },
      { pid: 103, env: [`${PROCESS_TREE_VARIABLE}=${tag}x`], cmdline: ['other-run'] },
      { pid: 104, env: [`X${PROCESS_TREE_VARIABLE}=${tag}`], cmdline: ['lookalike'] },
      { pid: 105, env: [`${PROCESS_TREE_VARIABLE}=${tag}`], cmdline: ['zombie'], state: 'Z' },
      { pid: 106, env: ['HOME=/root'], cmdline: ['unrelated'] },
    ]);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds the live processes carrying the tag, first or last in their environment, with group and command', async () => {
    const found = (await findTaggedProcesses(tag, root)).sort((a, b) => a.pid - b.pid);
    assert.deepEqual(found, [
      { pid: 101, group: 101, command: 'node -e setTimeout()' },
      { pid: 102, group: 77, command: 'sleep 300' },
    ]);
  });

  it('finds nothing where there is no /proc', async () => {
    assert.deepEqual(await findTaggedProcesses(tag, join(root, 'missing')), []);
  });
});
