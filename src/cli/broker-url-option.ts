import { usageError } from '../errors/harness-error.js';

/** `--broker-url`, checked before anything is sent: an absolute http(s) URL, or a usage error (exit 2). */
export function checkBrokerUrl(value: string): URL {
  let broker: URL;
  try {
    broker = new URL(value);
  } catch {
    throw usageError('--broker-url must be an absolute http(s) URL, e.g. https://broker.example.com');
  }
  if (broker.protocol !== 'http:' && broker.protocol !== 'https:') throw usageError('--broker-url must be an http or https URL');
  return broker;
}
