import { Agent, fetch, type RequestInit, type Response } from 'undici';

/**
 * The harness's own connections to a Pact Broker (undici 7), apart from Node's built-in fetch and
 * its global dispatcher: idle ones do not keep the process alive, and a broker that does not answer
 * is given up on after a minute.
 */
const brokerAgent = new Agent({ connect: { timeout: 30_000 }, headersTimeout: 60_000, bodyTimeout: 60_000 });

export type { RequestInit as BrokerRequestInit, Response as BrokerResponse };

/** `fetch` to a Pact Broker; rejects when it cannot be reached (the cause carries the error code). */
export function fetchFromBroker(url: URL, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, dispatcher: brokerAgent });
}
