import { readFileSync } from 'node:fs';
import { fetchFromBroker, type BrokerResponse } from './broker-fetch.js';
import { committedPactsDir } from './committed-pacts.js';
import { listPactFiles } from './pact-file.js';

export interface PublishContractsOptions {
  brokerUrl: string;
  consumerVersion: string;
  branch?: string;
  tags?: readonly string[];
  /** bearer token; takes precedence over basic auth */
  token?: string;
  username?: string;
  password?: string;
  /** directory of the pact files; default the package's `contracts/pacts` */
  pactDir?: string;
}

export interface PublishedConsumer {
  consumer: string;
  providers: string[];
  /** the broker's info-level log lines or notices */
  notices: string[];
}

/** The broker refused or could not be reached; `published` lists what went through before that. */
export class BrokerError extends Error {
  readonly published: readonly PublishedConsumer[];

  constructor(message: string, published: readonly PublishedConsumer[]) {
    super(message);
    this.name = 'BrokerError';
    this.published = published;
  }
}

interface PactSummary {
  consumer: string;
  provider: string;
  text: string;
}

function readPacts(dir: string): PactSummary[] {
  return listPactFiles(dir).map((file) => {
    const text = readFileSync(file, 'utf8');
    const pact = JSON.parse(text) as { consumer: { name: string }; provider: { name: string } };
    return { consumer: pact.consumer.name, provider: pact.provider.name, text };
  });
}

/** The Authorization header the broker documents: a bearer token, else basic auth, else none. */
export function authorization(options: Pick<PublishContractsOptions, 'token' | 'username' | 'password'>): Record<string, string> {
  if (options.token) return { authorization: `Bearer ${options.token}` };
  if (options.username !== undefined) {
    return { authorization: `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}` };
  }
  return {};
}

/** A short reading of a broker error body: HAL `errors` maps or lists, `error.message`, or the text. */
export function brokerProblem(text: string): string {
  try {
    const body = JSON.parse(text) as { errors?: unknown; error?: { message?: string }; title?: string; detail?: string };
    if (Array.isArray(body.errors)) return body.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ');
    if (body.errors && typeof body.errors === 'object') {
      return Object.entries(body.errors as Record<string, unknown>)
        .map(([field, problems]) => `${field}: ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`)
        .join('; ');
    }
    if (body.error?.message) return body.error.message;
    if (body.detail || body.title) return [body.title, body.detail].filter(Boolean).join(': ');
  } catch {
    // not JSON: the text itself is the best we have
  }
  return text.trim().slice(0, 300) || '(empty body)';
}

function noticesOf(text: string): string[] {
  try {
    const body = JSON.parse(text) as { logs?: Array<{ level?: string; message?: string }>; notices?: Array<{ type?: string; text?: string }> };
    const logs = (body.logs ?? []).filter((l) => l.level !== 'debug' && l.message).map((l) => l.message ?? '');
    const notices = (body.notices ?? []).filter((n) => n.type !== 'debug' && n.text).map((n) => n.text ?? '');
    return [...logs, ...notices];
  } catch {
    return [];
  }
}

/**
 * Publishes the pact files with the Pact Broker's `POST /contracts/publish` (broker 2.86+, PactFlow):
 * one request per consumer, carrying its pacts base64-encoded, the version, branch and tags, so a
 * version is created with its branch and tags in one step. Stops at the first refusal.
 */
export async function publishContracts(options: PublishContractsOptions): Promise<PublishedConsumer[]> {
  const base = options.brokerUrl.endsWith('/') ? options.brokerUrl : `${options.brokerUrl}/`;
  const endpoint = new URL('contracts/publish', base);
  const pacts = readPacts(options.pactDir ?? committedPactsDir());
  const consumers = [...new Set(pacts.map((p) => p.consumer))];
  const published: PublishedConsumer[] = [];
  for (const consumer of consumers) {
    const own = pacts.filter((p) => p.consumer === consumer);
    const body = {
      pacticipantName: consumer,
      pacticipantVersionNumber: options.consumerVersion,
      ...(options.branch === undefined ? {} : { branch: options.branch }),
      ...(options.tags?.length ? { tags: [...options.tags] } : {}),
      contracts: own.map((p) => ({
        consumerName: p.consumer,
        providerName: p.provider,
        specification: 'pact',
        contentType: 'application/json',
        content: Buffer.from(p.text, 'utf8').toString('base64'),
      })),
    };
    let response: BrokerResponse;
    try {
      response = await fetchFromBroker(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/hal+json, application/json', ...authorization(options) },
        body: JSON.stringify(body),
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
      throw new BrokerError(`cannot reach the Pact Broker at ${endpoint.origin}: ${cause?.code ?? cause?.message ?? String(error)}`, published);
    }
    const text = await response.text();
    if (!response.ok) {
      throw new BrokerError(
        `the Pact Broker refused the contracts of ${consumer} (POST ${endpoint.pathname}: ${response.status} ${response.statusText}): ${brokerProblem(text)}`,
        published,
      );
    }
    published.push({ consumer, providers: own.map((p) => p.provider), notices: noticesOf(text) });
  }
  return published;
}
