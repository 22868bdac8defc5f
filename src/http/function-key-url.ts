/**
 * Azure Functions keys travel in the URL as `?code=`, which is how DPS calls a webhook: the key is part
 * of the stored webhook URL (docs/protocol/webhook.md; sending the `x-functions-key` header is unconfirmed, so never).
 */

/** The URL with `code=<key>` set (replacing any key already there); without a key, the URL unchanged. */
export function withFunctionKey(url: string | URL, key: string | undefined): URL {
  const out = new URL(url);
  if (key !== undefined) out.searchParams.set('code', key);
  return out;
}

/** The URL with any `code=` removed: how a caller that does not know the key would call. */
export function withoutFunctionKey(url: string | URL): URL {
  const out = new URL(url);
  out.searchParams.delete('code');
  return out;
}

/** The URL as DPS shows it inside an enrollment record: the query (which holds the key) masked as `****`. */
export function maskedWebhookUrl(url: string | URL): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search === '' ? '' : '?****'}`;
}
