// The GitHub Action's first step (action.yml): whether the job's Node.js is one dps-conformance runs on
// (package.json engines, >= 20.19), printed as a step output line. Plain JavaScript that any Node runs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const engines = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8')).engines.node;
const [wantMajor, wantMinor] = (/(\d+)\.(\d+)/.exec(engines) ?? ['', '20', '19']).slice(1).map(Number);
const [major, minor] = process.versions.node.split('.').map(Number);
const recent = major > wantMajor || (major === wantMajor && minor >= wantMinor);
process.stderr.write(recent ? `dps-conformance: using the job's Node.js ${process.version}\n` : `dps-conformance: the job's Node.js ${process.version} is older than ${engines}; installing Node.js 20 (later steps of this job will see it)\n`);
process.stdout.write(`recent=${recent}\n`);
