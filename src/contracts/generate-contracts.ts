import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PactV4 } from '@pact-foundation/pact';
import { contractDefinitions, pactFileName, type ContractDefinition, type InteractionDefinition } from '../../contracts/definitions/index.js';
import { sendAllocationRequest } from './allocation-consumer.js';
import { committedPactsDir } from './committed-pacts.js';
import { sendExampleRequest } from './consumer-client.js';

// Pact's builder types, named through its public exports only
type UnconfiguredInteraction = ReturnType<PactV4['addInteraction']>;
type StateParameters = NonNullable<Parameters<UnconfiguredInteraction['given']>[1]>;

function configure(start: UnconfiguredInteraction, interaction: InteractionDefinition): UnconfiguredInteraction {
  let builder = start;
  for (const state of interaction.states ?? []) builder = builder.given(state.name, state.params as StateParameters);
  for (const comment of interaction.comments ?? []) builder = builder.comment(comment);
  return builder.uponReceiving(interaction.description);
}

/**
 * Pact 16.3 and later (its Rust mock server) can report a request it received, matched and answered as
 * "expected but not received" when the machine is busy: the match is recorded after the answer goes out
 * (pact-foundation/pact-reference#535, pact-core-mock-server#13); a request that did not match can
 * likewise be reported as not received, without its mismatches. When that is the only mismatch, the
 * interaction is played again, up to this many times in all.
 */
const PLAYS_FOR_PACT_RACE = 3;

/** Runs one contract's interactions against the Pact mock server; Pact writes (merges) the file into `dir`. */
async function runConsumerTests(definition: ContractDefinition, dir: string): Promise<void> {
  const pact = new PactV4({ consumer: definition.consumer, provider: definition.provider, dir, logLevel: 'error' });
  for (const interaction of definition.interactions) {
    for (let play = 1; ; play += 1) {
      const verdict = await playInteraction(pact, definition, interaction);
      if (verdict.kind === 'passed') break;
      if (verdict.kind === 'pact-race' && play < PLAYS_FOR_PACT_RACE) continue;
      throw new Error(verdict.message);
    }
  }
}

type PlayVerdict = { kind: 'passed' } | { kind: 'pact-race' | 'failed'; message: string };

async function playInteraction(pact: PactV4, definition: ContractDefinition, interaction: InteractionDefinition): Promise<PlayVerdict> {
  const { request, response } = interaction;
  const label = `${definition.consumer} -> ${definition.provider}: "${interaction.description}"`;
  // a problem the consumer finds is reported after executeTest: when the request departed from the contract,
  // Pact rejects with its mismatches (a test that threw would have them logged to stdout, and the mock's 500 thrown)
  let problem: string | undefined;
  try {
    await configure(pact.addInteraction(), interaction)
      .withRequest(request.method, request.path, (builder) => {
        if (request.query) builder.query(request.query as never);
        if (request.headers) builder.headers(request.headers as never);
        if (request.body !== undefined) builder.jsonBody(request.body);
      })
      .willRespondWith(response.status, (builder) => {
        if (response.headers) builder.headers(response.headers as never);
        if (response.body !== undefined) builder.jsonBody(response.body);
      })
      .executeTest(async (mockServer) => {
        try {
          problem = await consumeInteraction(mockServer.url, definition, interaction);
        } catch (error) {
          problem = error instanceof Error ? error.message : String(error);
        }
      });
  } catch (error) {
    const message = `${error instanceof Error ? error.message : String(error)}${problem === undefined ? '' : `\n${label}: ${problem}`}`;
    // the race either way: a request that matched is reported as not received, or one that did not match
    // (the mock answered 500) is reported as not received instead of with its mismatches; playing again
    // gives the real verdict (a consumer that truly sends nothing fails the same way every play)
    const race = /expected but not received/.test(message) && !/request was incorrect|was not expected/.test(message);
    return { kind: race ? 'pact-race' : 'failed', message };
  }
  return problem === undefined ? { kind: 'passed' } : { kind: 'failed', message: `${label}: ${problem}` };
}

/**
 * Plays the consumer's part of one interaction against the mock server at `baseUrl`; returns what went
 * wrong, if anything. Webhook interactions are the emulator's own webhook call for their registration.
 */
async function consumeInteraction(baseUrl: string, definition: ContractDefinition, interaction: InteractionDefinition): Promise<string | undefined> {
  const { request, response } = interaction;
  if (interaction.allocation) {
    const { status, outcome } = await sendAllocationRequest(new URL(request.path, baseUrl).href, interaction.allocation, definition.dialect);
    if (status !== response.status) return `answered ${status}, expected ${response.status}`;
    if (outcome && outcome.kind !== 'assigned') return `the emulator did not take the contract's answer (${outcome.kind})`;
    return undefined;
  }
  const status = await sendExampleRequest(baseUrl, request);
  return status === response.status ? undefined : `answered ${status}, expected ${response.status}`;
}

/** The committed form of a pact file: Pact's JSON, two-space indented, one trailing newline. */
export function formatPact(text: string): string {
  return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
}

/**
 * Pact writes a Content-Type header into every response that has a JSON body. The webhook contract
 * leaves the answer's label out (suites/webhook/CHECKS.md: a SHOULD, not part of the contract), so
 * that header is taken out of its responses again.
 */
export function withoutResponseContentType(text: string): string {
  const pact = JSON.parse(text) as { interactions?: Array<{ response?: { headers?: Record<string, unknown> } }> };
  for (const interaction of pact.interactions ?? []) {
    const headers = interaction.response?.headers;
    if (!headers) continue;
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
    if (Object.keys(headers).length === 0 && interaction.response) delete interaction.response.headers;
  }
  return JSON.stringify(pact);
}

/**
 * Generates every pact file into `outDir` (created if missing) and removes other `.json` files there,
 * so the directory holds exactly the generated set. Returns the written paths, sorted.
 */
export async function generateContracts(outDir: string, definitions: ContractDefinition[] = contractDefinitions()): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'dpsc-pacts-'));
  try {
    for (const definition of definitions) await runConsumerTests(definition, work);
    mkdirSync(outDir, { recursive: true });
    const names = definitions.map((d) => pactFileName(d.consumer, d.provider)).sort();
    const webhookFiles = new Set(definitions.filter((d) => d.kind === 'webhook').map((d) => pactFileName(d.consumer, d.provider)));
    for (const name of names) {
      const text = readFileSync(join(work, name), 'utf8');
      writeFileSync(join(outDir, name), formatPact(webhookFiles.has(name) ? withoutResponseContentType(text) : text));
    }
    for (const stale of readdirSync(outDir).filter((f) => f.endsWith('.json') && !names.includes(f))) rmSync(join(outDir, stale));
    return names.map((name) => join(outDir, name));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// `node dist/src/contracts/generate-contracts.js [DIR]` regenerates the committed pact files.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = process.argv[2] ?? committedPactsDir();
  generateContracts(outDir).then(
    (written) => {
      for (const file of written) process.stdout.write(`wrote ${file}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`generate-contracts: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
