import { isIP } from 'node:net';
import { usageError } from '../errors/harness-error.js';
import { parseHttpUrl } from '../http/parse-http-url.js';

/** Whether a host name is this machine: `localhost`, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

/**
 * Parses `--webhook` for `load` and refuses anything but a loopback http(s) URL unless the user says
 * `--allow-remote`: a load generator aimed at someone else's service by mistake is a denial of service.
 */
export function loopbackWebhookUrl(text: string, allowRemote = false): URL {
  const url = parseHttpUrl(text, '--webhook');
  if (!allowRemote && !isLoopbackHost(url.hostname)) {
    throw usageError(
      `load sends traffic to loopback addresses only (localhost, 127.0.0.0/8, [::1]); "${url.hostname}" is not one (add --allow-remote to load a webhook you own elsewhere)`,
    );
  }
  return url;
}
