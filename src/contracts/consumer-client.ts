import { MatchersV3 } from '@pact-foundation/pact';
import type { RequestDefinition } from '../../contracts/definitions/contract-definition.js';
import { boundedRequest } from '../http/bounded-request.js';

/**
 * The tiny consumer used during generation: sends an interaction's example request (matchers
 * replaced by their example values) to the Pact mock server and returns the status it got.
 * The mock server fails the interaction if the request does not match the definition.
 * A fresh connection per request (no keep-alive pool): each interaction gets a new mock server, and
 * on a busy machine the next one can listen on the port of the last, where a pooled socket would
 * talk to a server that is gone.
 */
export async function sendExampleRequest(baseUrl: string, request: RequestDefinition): Promise<number> {
  const url = new URL(request.path, baseUrl);
  const query = request.query ? MatchersV3.reify<Record<string, string>>(request.query) : {};
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
  const headers = request.headers ? MatchersV3.reify<Record<string, string>>(request.headers) : {};
  const body = request.body === undefined ? undefined : JSON.stringify(MatchersV3.reify(request.body));
  // a connection of its own for each request (`Connection: close`), closed after it
  const outcome = await boundedRequest({ url, method: request.method, headers, ...(body === undefined ? {} : { body }), timeoutMs: 30_000 });
  if (outcome.kind !== 'answered') throw new Error(`the Pact mock server did not answer: ${outcome.message}`);
  return outcome.status;
}
