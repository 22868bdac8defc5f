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
  const code = wsErrorCode(error);
  if (code === undefined || !(error instanceof Error) || webSocketCloseProblem(error) !== undefined) return undefined;
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return { reason: 'packet-too-large', detail: `a WebSocket message larger than the emulator takes (${error.message})` };
  return { reason: 'malformed-websocket', detail: `${error.message} (${code})` };
}

function wsErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('WS_ERR_') ? code : undefined;
}

/**
 * A close frame `ws` could not accept for its status code (one RFC 6455 section 7.4 does not allow):
 * the device was closing the connection itself, so nothing of its registration was refused, and its
 * end is the device's. (A close reason that is not UTF-8 gives the same error as a text frame that is
 * not, so it stays `malformed-websocket`.) Said in words for the `closed` entry. Paho's MQTT client
 * (1.2.5, under the Java SDK's MQTT over WebSocket) closes with the payload `"1000".getBytes()`,
 * i.e. status code 0x3130 = 12592 and the reason "00": the code written as text.
 */
export function webSocketCloseProblem(error: unknown): string | undefined {
  const code = wsErrorCode(error);
  if (code !== 'WS_ERR_INVALID_CLOSE_CODE' || !(error instanceof Error)) return undefined;
  const status = /(\d+)/.exec(error.message)?.[1];
  const asText = status === undefined ? '' : asciiDigits(Number(status));
  return `it closed the WebSocket with a close frame RFC 6455 does not allow (${error.message}${asText})`;
}

/** ` : the bytes "10", a status code written as text` when both bytes of the code are ASCII digits. */
function asciiDigits(status: number): string {
  const high = status >> 8;
  const low = status & 0xff;
  const digit = (b: number): boolean => b >= 0x30 && b <= 0x39;
  return digit(high) && digit(low) ? `: the bytes "${String.fromCharCode(high, low)}", a status code written as text` : '';
}
