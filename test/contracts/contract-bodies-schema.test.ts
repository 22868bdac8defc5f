import assert from 'node:assert/strict';
import { join } from 'node:path';
import { contractDefinitions, pactFileName } from '../../contracts/definitions/index.js';
import { committedPactsDir } from '../../src/contracts/committed-pacts.js';
import { readPactFile, type PactInteraction } from '../../src/contracts/pact-file.js';
import { getSchemaRegistry } from '../../src/schemas/schema-registry.js';

/** The schema of each body: webhook contracts carry allocation messages, device contracts registration ones. */
function schemasOf(kind: 'webhook' | 'device', interaction: PactInteraction): { request?: string; response: string } {
  if (kind === 'webhook') return { request: 'allocation-request', response: 'allocation-response' };
  return { ...(interaction.request.body ? { request: 'registration-request' } : {}), response: 'operation-status' };
}

describe('contracts: every example body validates against schemas/', () => {
  for (const definition of contractDefinitions()) {
    const file = pactFileName(definition.consumer, definition.provider);
    describe(file, () => {
      const pact = readPactFile(join(committedPactsDir(), file));

      it('holds every interaction of its definition', () => {
        assert.deepEqual(pact.interactions.map((i) => i.description).sort(), definition.interactions.map((i) => i.description).sort());
      });

      for (const interaction of pact.interactions) {
        it(interaction.description, () => {
          const schemas = schemasOf(definition.kind, interaction);
          const bodies: Array<[string, unknown, string | undefined]> = [
            ['request', interaction.request.body?.content, schemas.request],
            ['response', interaction.response.body?.content, schemas.response],
          ];
          for (const [part, body, schema] of bodies) {
            if (schema === undefined) {
              assert.equal(body, undefined, `${part} has a body but no schema`);
              continue;
            }
            assert.notEqual(body, undefined, `${part} has no body`);
            const outcome = getSchemaRegistry().validate(schema, definition.dialect, body);
            assert.ok(outcome.valid, `${part} body is not a valid ${outcome.schema}: ${JSON.stringify(outcome.errors)}`);
          }
        });
      }
    });
  }
});
