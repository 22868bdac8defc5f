import { MatchersV3 } from '@pact-foundation/pact';
import type { RequestDefinition } from '../../contracts/definitions/contract-definition.js';

/**
 * The tiny consumer used during generation: sends an interaction's example request (matchers
 * replaced by their example values) to the Pact mock server and returns the status it got.
 * The mock server fails the interaction if the request does not match the definition.
 */
export async function sendExampleRequest(baseUrl: string, request: RequestDefinition): Promise<number> {
  const url = new URL(request.path, baseUrl);
  const query = request.query ? MatchersV3.reify<Record<string, string>>(request.query) : {};
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
  const headers = request.headers ? MatchersV3.reify<Record<string, string>>(request.headers) : {};
  const init: RequestInit = { method: request.method, headers };
  if (request.body !== undefined) init.body = JSON.stringify(MatchersV3.reify(request.body));
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return response.status;
}
