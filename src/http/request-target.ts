/** Where a request goes, as `http.request` options: what Node's own `urlToHttpOptions` makes of a URL. */
export interface RequestTarget {
  protocol: string;
  hostname: string;
  /** absent when the URL has none (the protocol's default port) */
  port?: number;
  /** path and query */
  path: string;
  /** `user:password` from the URL, decoded */
  auth?: string;
}

// The last target made: a webhook allocator sends every call to the same URL, and `http.request(url)`
// would spread the URL object into fresh options on every call (docs/performance.md).
let lastHref: string | undefined;
let lastTarget: RequestTarget | undefined;

/**
 * The options `http.request(url)` derives from a URL (brackets of an IPv6 host removed, the port as a
 * number, path with query, decoded credentials), computed once per distinct URL in a row. The caller
 * must not change the result.
 */
export function requestTarget(url: URL): Readonly<RequestTarget> {
  const href = url.href;
  if (href === lastHref && lastTarget) return lastTarget;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const target: RequestTarget = { protocol: url.protocol, hostname, path: `${url.pathname}${url.search}` };
  if (url.port !== '') target.port = Number(url.port);
  if (url.username || url.password) target.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  lastHref = href;
  lastTarget = target;
  return target;
}
