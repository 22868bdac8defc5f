/** How a device broke the WebSocket protocol, read from the error `ws` failed its connection with. */
export interface WebSocketViolation {
  /** `packet-too-large` for a message over the front end's limit, `malformed-websocket` for framing that is not RFC 6455 */
  reason: 'malformed-websocket' | 'packet-too-large';
  detail: string;
}

/**
 * `ws` fails a connection whose bytes break RFC 6455 (section 5.2: a reserved bit set without an
 * extension that defines it, an unknown opcode, an unmasked client frame, ...) with an error whose
 * `code` starts with `WS_ERR_`, and closes the TCP connection without a close frame (RFC 6455 7.1.7).
 * Without this, the emulator's transcript would show such a connection as dropped by the device, and
 * the verdict could not say that the device's own framing ended it.
 */
export function webSocketViolation(error: unknown): WebSocketViolation | undefined {
  if (!(error instanceof Error)) return undefined;
  const code: unknown = (error as Error & { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('WS_ERR_')) return undefined;
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return { reason: 'packet-too-large', detail: `a WebSocket message larger than the emulator takes (${error.message})` };
  return { reason: 'malformed-websocket', detail: `${error.message} (${code})` };
}
