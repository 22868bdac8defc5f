/** The path and query of an HTTP request target, as `new URL` would give them. */
export interface RequestTarget {
  pathname: string;
  /** `?...`, or '' when there is no query */
  search: string;
  query: URLSearchParams;
}

// Targets `new URL` returns unchanged: origin-form, no dot segments, no characters it would
// percent-encode, no `//` (which it would read as a host). Every DPS route a device uses is one.
const PLAIN_TARGET = /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@/%?]*$/;
const DOT_SEGMENT = /\/\.|%2e/i;

/**
 * Splits a request target into path and query. Plain targets (what devices send) are split by hand,
 * since `new URL` costs more than the rest of the routing; anything else goes through `new URL`, so
 * dot segments, encodings and odd forms are read the way the URL standard reads them.
 */
export function splitRequestTarget(target: string): RequestTarget {
  if (PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) {
    const q = target.indexOf('?');
    if (q < 0) return { pathname: target, search: '', query: new URLSearchParams() };
    const search = q === target.length - 1 ? '' : target.slice(q);
    return { pathname: target.slice(0, q), search, query: new URLSearchParams(search) };
  }
  const url = new URL(target, 'https://emulator.invalid');
  return { pathname: url.pathname, search: url.search, query: url.searchParams };
}
