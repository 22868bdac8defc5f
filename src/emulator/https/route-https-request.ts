import type { IncomingHttpHeaders } from 'node:http';
import type { CoreRequest, FrontEnd, WireRequest } from '../core/core-request.js';
import { splitRequestTarget } from './split-request-target.js';

export interface HttpsExchangeInput {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: { ok: true; text: string; notUtf8?: string } | { ok: false; tooLarge: boolean; detail: string };
  receivedAt: number;
  /** the TLS client certificate chain, when the device presented one (X.509) */
  clientCertificate?: readonly string[] | undefined;
}

const REGISTER = /^\/([^/]+)\/registrations\/([^/]+)\/register\/?$/;
const POLL = /^\/([^/]+)\/registrations\/([^/]+)\/operations\/([^/]+)\/?$/;
const LOOKUP = /^\/([^/]+)\/registrations\/([^/]+)\/?$/;

/**
 * Parse step of the HTTPS pipeline: method + path + headers + body into one core request (docs/protocol/https.md
 * routes). Known paths with the wrong method are `method-not-allowed`, anything else `unknown-route`;
 * api-version is required (any non-empty value), a body must be JSON.
 */
export function routeHttpsRequest(input: HttpsExchangeInput): CoreRequest {
  const frontEnd: FrontEnd = 'https';
  const url = splitRequestTarget(input.url);
  // the headers object is the request's own, never changed after: kept without a copy
  const wire: WireRequest = { method: input.method, path: url.pathname + url.search, headers: input.headers };
  const common = { frontEnd, wire, receivedAt: input.receivedAt };
  const apiVersion = url.query.get('api-version') ?? '';
  const authorization = input.headers.authorization;
  const bodyText = input.body.ok ? input.body.text : '';
  const unexpected = (
    reason: Parameters<typeof makeUnexpected>[1],
    detail: string,
    registrationId?: string,
  ): CoreRequest => makeUnexpected(common, reason, detail, registrationId, bodyText);

  const path = url.pathname;
  const register = REGISTER.exec(path);
  const poll = POLL.exec(path);
  const lookup = register || poll ? null : LOOKUP.exec(path);
  const expected = register ? 'PUT' : poll ? 'GET' : lookup ? 'POST' : undefined;
  const registrationId = decode((register ?? poll ?? lookup)?.[2]);
  if (!expected) return unexpected('unknown-route', `${input.method} ${path}`);
  if (input.method !== expected) return unexpected('method-not-allowed', `${input.method} ${path} (expected ${expected})`, registrationId);
  if (!input.body.ok) return unexpected(input.body.tooLarge ? 'body-too-large' : 'malformed-json', input.body.detail, registrationId);
  if (apiVersion.trim() === '') return unexpected('missing-api-version', `${input.method} ${path}`, registrationId);
  const contentType = input.headers['content-type'];
  if (bodyText.length > 0 && contentType !== undefined && !/\bjson\b/i.test(contentType)) {
    return unexpected('unsupported-media-type', `content-type "${contentType}"`, registrationId);
  }
  const idScope = decode((register ?? poll ?? lookup)?.[1]) ?? '';
  const certificate = input.clientCertificate !== undefined ? { clientCertificate: input.clientCertificate } : {};
  const base = { ...common, apiVersion, ...(authorization !== undefined ? { authorization } : {}), ...certificate, idScope, registrationId: registrationId ?? '' };
  const notUtf8 = input.body.notUtf8 !== undefined ? { notUtf8: input.body.notUtf8 } : {};
  if (register) return { kind: 'register', ...base, bodyText, ...notUtf8 };
  if (poll) return { kind: 'poll', ...base, operationId: decode(poll[3]) ?? '', ...(bodyText ? { bodyText } : {}) };
  return { kind: 'status-lookup', ...base, bodyText };
}

function makeUnexpected(
  common: { frontEnd: FrontEnd; wire: WireRequest; receivedAt: number },
  reason: Extract<CoreRequest, { kind: 'unexpected' }>['reason'],
  detail: string,
  registrationId: string | undefined,
  bodyText: string,
): CoreRequest {
  return { kind: 'unexpected', ...common, reason, detail, ...(registrationId !== undefined ? { registrationId } : {}), ...(bodyText ? { bodyText } : {}) };
}

function decode(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    // an undecodable segment is kept as sent; the registration ID check rejects it
    return segment;
  }
}
