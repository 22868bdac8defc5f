import { request as httpRequest } from 'node:http';
import { MatchersV3 } from '@pact-foundation/pact';
import type { RequestDefinition } from '../../contracts/definitions/contract-definition.js';

/**
 * The tiny consumer used during generation: sends an interaction's example request (matchers
 * replaced by their example values) to the Pact mock server and returns the status it got.
 * The mock server fails the interaction if the request does not match the definition.
 * A fresh connection per request (no keep-alive pool): each interaction gets a new mock server, and
 * on a busy machine the next one can listen on the port of the last, where a pooled socket would
 * talk to a server that is gone.
 */
export function sendExampleRequest(baseUrl: string, request: RequestDefinition): Promise<number> {
  const url = new URL(request.path, baseUrl);
  const query = request.query ? MatchersV3.reify<Record<string, string>>(request.query) : {};
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
  const headers = request.headers ? MatchersV3.reify<Record<string, string>>(request.headers) : {};
  const body = request.body === undefined ? undefined : JSON.stringify(MatchersV3.reify(request.body));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, {
      method: request.method,
      agent: false,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error('the Pact mock server did not answer within 30 s')));
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve(incoming.statusCode ?? 0));
      incoming.on('error', reject);
    });
    outgoing.end(body);
  });
}
