import type { ImplementationRef } from '../../src/results/check-result.js';
import type { SecretRedactor } from '../../src/results/secret-redactor.js';

/** The webhook under test and how to call it. */
export interface WebhookTarget {
  /** the URL as the user gave it (may itself hold `?code=`) */
  url: URL;
  /** sent as `?code=`, as DPS does; never written anywhere */
  functionKey?: string;
  /** limit on each whole exchange, ms */
  timeoutMs: number;
  /** https: extra trusted CA certificates (PEM) */
  ca?: string;
  /** knows the function key and any key in the URL */
  redactor: SecretRedactor;
  /** how results name the webhook: its URL with secrets removed */
  implementation: ImplementationRef;
  /** aborts a call in flight (Ctrl-C) */
  signal?: AbortSignal;
}
