import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The DPS-style request-level error (docs/protocol/https.md): a status >= 400, a body
 * `{errorCode, trackingId, message, timestampUtc}` whose 6-digit errorCode starts with the status, and
 * on HTTPS the `x-ms-error-code` header. `context` names the input for the failure message.
 */
export function assertDpsErrorBody(status: number, body: unknown, context: string, headers?: IncomingHttpHeaders): void {
  assert.ok(status >= 400 && status < 600, `${context}: status ${status}`);
  assert.ok(body !== null && typeof body === 'object' && !Array.isArray(body), `${context}: body ${JSON.stringify(body)}`);
  const error = body as Record<string, unknown>;
  assert.ok(Number.isInteger(error['errorCode']), `${context}: errorCode ${String(error['errorCode'])}`);
  assert.equal(Math.floor((error['errorCode'] as number) / 1000), status, `${context}: errorCode ${String(error['errorCode'])} for status ${status}`);
  assert.equal(typeof error['trackingId'], 'string', context);
  assert.ok(typeof error['message'] === 'string' && error['message'].length > 0, `${context}: message`);
  assert.match(String(error['timestampUtc']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/, context);
  if (headers) assert.equal(headers['x-ms-error-code'], String(error['errorCode']), `${context}: x-ms-error-code`);
}

/** JSON.parse that returns the text itself when it is not JSON (so an assertion shows it). */
export function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
