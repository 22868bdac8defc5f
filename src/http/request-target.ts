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

/**
 * The options `http.request(url)` derives from a URL (brackets of an IPv6 host removed, the port as a
 * number, path with query, decoded credentials), as plain options: Node's own derivation spreads the
 * URL object on every call (docs/performance.md).
 */
export function requestTarget(url: URL): RequestTarget {
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const target: RequestTarget = { protocol: url.protocol, hostname, path: `${url.pathname}${url.search}` };
  if (url.port !== '') target.port = Number(url.port);
  if (url.username || url.password) target.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return target;
}
