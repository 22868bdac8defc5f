import { parseHttpUrl } from '../http/parse-http-url.js';

/** Where the verifier sends every webhook interaction: the user's URL, whatever path the pact names. */
export interface WebhookTarget {
  /** `scheme://host:port` */
  origin: string;
  /** the URL's path and query, with `code=<function key>` when a key was given */
  pathAndQuery: string;
}

/**
 * Splits a webhook URL for the verifier. The pact's request path is a placeholder (`/`); a real
 * webhook lives at e.g. `/api/allocate?code=...`, so requests are sent to the URL's own path and
 * query. A `--function-key` replaces any `code` already in the URL (Azure Functions reads `code`).
 */
export function webhookTarget(url: string, functionKey?: string): WebhookTarget {
  const parsed = parseHttpUrl(url, '--url');
  if (functionKey !== undefined) parsed.searchParams.set('code', functionKey);
  return { origin: parsed.origin, pathAndQuery: `${parsed.pathname}${parsed.search}` };
}
