import { usageError } from '../errors/harness-error.js';
import { SecretRedactor } from '../results/secret-redactor.js';

/**
 * Parses a URL option that must be absolute http(s). A mistake is a usage error naming the option;
 * the text it echoes is redacted, since such URLs often carry a function key (`?code=`).
 */
export function parseHttpUrl(text: string, option: string): URL {
  const shown = new SecretRedactor().redact(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`${option} must be an absolute http:// or https:// URL, got "${shown}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`${option} must use http:// or https://, got ${url.protocol}`);
  return url;
}
