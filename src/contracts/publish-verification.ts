import { fetchFromBroker, type BrokerRequestInit, type BrokerResponse } from './broker-fetch.js';
import { authorization, brokerProblem } from './publish-contracts.js';

/** The broker refused or could not be reached; `published` lists the verifications that went through before that. */
export class VerificationBrokerError extends Error {
  constructor(
    message: string,
    readonly published: readonly PublishedVerification[],
  ) {
    super(message);
    this.name = 'VerificationBrokerError';
  }
}

/** One interaction's outcome, as the broker shows it beside the pact. */
export interface InteractionVerification {
  interactionDescription: string;
  success: boolean;
  /** one readable line per mismatch */
  mismatches?: string[];
}

/** The verification of one pact (consumer -> provider) against one provider version. */
export interface PactVerification {
  consumer: string;
  provider: string;
  success: boolean;
  testResults: InteractionVerification[];
}

export interface PublishVerificationOptions {
  brokerUrl: string;
  /** the provider (webhook) version that was verified: a commit, ideally */
  providerVersion: string;
  /** the provider's branch; recorded with the version so `can-i-deploy --branch` finds it */
  branch?: string;
  buildUrl?: string;
  token?: string;
  username?: string;
  password?: string;
  /** dps-conformance's own version, sent as `verifiedBy` */
  toolVersion: string;
}

export interface PublishedVerification {
  consumer: string;
  provider: string;
  success: boolean;
  /** where the broker says the result lives (its `_links.self.href`), if it said */
  url?: string;
}

const HAL = { accept: 'application/hal+json, application/json' };

interface HalLinks {
  _links?: Record<string, { href?: string } | undefined>;
}

async function brokerFetch(url: URL, init: BrokerRequestInit, what: string, published: readonly PublishedVerification[]): Promise<unknown> {
  let response: BrokerResponse;
  try {
    response = await fetchFromBroker(url, init);
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
    throw new VerificationBrokerError(`cannot reach the Pact Broker at ${url.origin}: ${cause?.code ?? cause?.message ?? String(error)}`, [...published]);
  }
  const text = await response.text();
  if (!response.ok) {
    const hint = response.status === 404 && init.method === 'GET' ? ' (publish the contracts first: dps-conformance contracts publish)' : '';
    throw new VerificationBrokerError(`the Pact Broker refused ${what} (${init.method ?? 'GET'} ${url.pathname}: ${response.status} ${response.statusText})${hint}: ${brokerProblem(text)}`, [...published]);
  }
  try {
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return {};
  }
}

function link(body: unknown, relation: string): string | undefined {
  const links = (body as HalLinks | null)?._links;
  const href = links?.[relation]?.href;
  return typeof href === 'string' ? href : undefined;
}

const segment = encodeURIComponent;

/**
 * Publishes verification results as the Pact Broker API documents
 * (https://docs.pact.io/pact_broker/advanced_topics/api_docs/publish_verification_result): for each
 * pact, GET the latest pact between the consumer and provider, then POST `{success,
 * providerApplicationVersion, verifiedBy, testResults}` to its `pb:publish-verification-results` link.
 * With a branch, the provider version is first put on that branch
 * (`PUT /pacticipants/{provider}/branches/{branch}/versions/{version}`, broker 2.82+), so that
 * `can-i-deploy` can answer for the webhook. Results can only be published for pacts the broker has:
 * publish the contracts first. Stops at the first refusal (VerificationBrokerError).
 */
export async function publishVerificationResults(
  verifications: readonly PactVerification[],
  options: PublishVerificationOptions,
): Promise<PublishedVerification[]> {
  const base = options.brokerUrl.endsWith('/') ? options.brokerUrl : `${options.brokerUrl}/`;
  const auth = authorization(options);
  const published: PublishedVerification[] = [];
  const branched = new Set<string>();
  for (const verification of verifications) {
    const { consumer, provider } = verification;
    const pactUrl = new URL(`pacts/provider/${segment(provider)}/consumer/${segment(consumer)}/latest`, base);
    const pact = await brokerFetch(pactUrl, { method: 'GET', headers: { ...HAL, ...auth } }, `the pact ${consumer} -> ${provider}`, published);
    const href = link(pact, 'pb:publish-verification-results');
    if (href === undefined) throw new VerificationBrokerError(`the Pact Broker's pact ${consumer} -> ${provider} has no pb:publish-verification-results link (is it a Pact Broker 2.0 or later?)`, [...published]);
    if (options.branch !== undefined && !branched.has(provider)) {
      const branchUrl = new URL(`pacticipants/${segment(provider)}/branches/${segment(options.branch)}/versions/${segment(options.providerVersion)}`, base);
      await brokerFetch(branchUrl, { method: 'PUT', headers: { ...HAL, 'content-type': 'application/json', ...auth }, body: '{}' }, `branch ${options.branch} for ${provider} ${options.providerVersion}`, published);
      branched.add(provider);
    }
    const body = {
      success: verification.success,
      providerApplicationVersion: options.providerVersion,
      verifiedBy: { implementation: 'dps-conformance', version: options.toolVersion },
      ...(options.buildUrl === undefined ? {} : { buildUrl: options.buildUrl }),
      testResults: verification.testResults,
    };
    const answer = await brokerFetch(new URL(href, base), { method: 'POST', headers: { ...HAL, 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) }, `the verification of ${consumer} -> ${provider}`, published);
    const self = link(answer, 'self');
    published.push({ consumer, provider, success: verification.success, ...(self === undefined ? {} : { url: self }) });
  }
  return published;
}
