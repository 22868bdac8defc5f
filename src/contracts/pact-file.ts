import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a Pact V4 file (HTTP interactions) the harness reads. */
export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata?: Record<string, unknown>;
}

export interface PactBody {
  content?: unknown;
  contentType?: string;
}

export interface PactInteraction {
  description: string;
  type?: string;
  providerStates?: Array<{ name: string; params?: Record<string, unknown> }>;
  request: { method: string; path: string; query?: Record<string, string[]>; headers?: Record<string, string[]>; body?: PactBody };
  response: { status: number; headers?: Record<string, string[]>; body?: PactBody };
}

/**
 * Metadata that names the versions of the Pact libraries that wrote the file. It changes with every
 * Pact upgrade without changing the contract, so comparisons leave it out.
 */
const VOLATILE_METADATA = ['pact-js', 'pactRust'];

export function readPactFile(path: string): PactFile {
  return JSON.parse(readFileSync(path, 'utf8')) as PactFile;
}

/** The `.json` files of a directory, sorted by name. */
export function listPactFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/** A copy without the volatile metadata, for "is the committed file what generation produces" checks. */
export function comparablePact(pact: PactFile): PactFile {
  const metadata = { ...pact.metadata };
  for (const key of VOLATILE_METADATA) delete metadata[key];
  return { ...pact, metadata };
}
