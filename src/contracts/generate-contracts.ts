import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PactV4 } from '@pact-foundation/pact';
import type { JsonMap } from '@pact-foundation/pact/src/common/jsonTypes.js';
import type { V4UnconfiguredInteraction } from '@pact-foundation/pact/src/v4/http/types.js';
import { contractDefinitions, pactFileName, type ContractDefinition, type InteractionDefinition } from '../../contracts/definitions/index.js';
import { committedPactsDir } from './committed-pacts.js';
import { sendExampleRequest } from './consumer-client.js';

function configure(start: V4UnconfiguredInteraction, interaction: InteractionDefinition): V4UnconfiguredInteraction {
  let builder = start;
  for (const state of interaction.states ?? []) builder = builder.given(state.name, state.params as JsonMap);
  for (const comment of interaction.comments ?? []) builder = builder.comment(comment);
  return builder.uponReceiving(interaction.description);
}

/** Runs one contract's interactions against the Pact mock server; Pact writes (merges) the file into `dir`. */
async function runConsumerTests(definition: ContractDefinition, dir: string): Promise<void> {
  const pact = new PactV4({ consumer: definition.consumer, provider: definition.provider, dir, logLevel: 'error' });
  for (const interaction of definition.interactions) {
    for (let attempt = 1; ; attempt += 1) {
      const answered = { asExpected: false };
      try {
        await runInteraction(pact, definition, interaction, answered);
        break;
      } catch (error) {
        // Pact's mock server records a matched request apart from answering it: on a loaded machine its
        // check after the test can come first and call a request "expected but not received" that it has
        // just answered with the status it expected. Only that case is tried again (a mismatch or a wrong status
        // is not: the mock server answers an unmatched request 500).
        const raced = answered.asExpected && error instanceof Error && /expected but not received/.test(error.message);
        if (!raced || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

/** Tries of one interaction whose request the mock server answered but did not record in time. */
const MAX_ATTEMPTS = 3;

async function runInteraction(
  pact: PactV4,
  definition: ContractDefinition,
  interaction: InteractionDefinition,
  answered: { asExpected: boolean },
): Promise<void> {
  const { request, response } = interaction;
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
      const status = await sendExampleRequest(mockServer.url, request);
      if (status !== response.status) {
        throw new Error(`${definition.consumer} -> ${definition.provider}: "${interaction.description}" answered ${status}, expected ${response.status}`);
      }
      answered.asExpected = true;
    });
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
