import { usageError } from '../errors/harness-error.js';
import { SecretRedactor } from '../results/secret-redactor.js';

/**
 * The one parser for URL options and config members (`webhook --url`, `device --webhook`,
 * `emulate --webhook`, `load --webhook`, `allocation.webhookUrl`): absolute http(s), no user name or
 * password. A mistake is a usage error naming the option; the text it echoes is redacted, since such
 * URLs often carry a function key (`?code=`). User info is refused rather than carried: it would end up
 * in every report that names the webhook, and Azure Functions take their key in `?code=` anyway
 * (docs/protocol/webhook.md#authentication).
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
  if (url.username !== '' || url.password !== '') {
    throw usageError(`${option} must not carry a user name or password (put a function key in ?code= or --function-key instead)`);
  }
  return url;
}
