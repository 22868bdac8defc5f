import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { CoreReply } from '../core/core-request.js';
import { sleep } from '../support/sleep.js';
import { writeInPieces } from '../support/write-in-pieces.js';

/**
 * Write step of the HTTPS pipeline: a core reply back into an HTTP answer with the headers DPS sends
 * (docs/protocol/https.md): `Retry-After` when the reply has one, `x-ms-error-code` on errors, `x-ms-request-id`,
 * `Location` on 202. A planned fragmentation writes the whole answer, status line included, straight
 * onto the TLS socket in small pieces and closes the connection after it.
 */
export async function writeHttpsReply(response: ServerResponse, reply: CoreReply, location: string | undefined, signal: AbortSignal): Promise<void> {
  if (reply.delivery.slowMs) await sleep(reply.delivery.slowMs, signal);
  if (reply.kind !== 'answer') {
    // a disconnect (a grant never comes to HTTPS)
    response.socket?.destroy();
    return;
  }
  const payload = Buffer.from(reply.bodyText ?? '', 'utf8');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    'x-ms-request-id': randomUUID(),
  };
  if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
  if (reply.status === 202 && location) headers['location'] = location;
  const errorCode = (reply.body as { errorCode?: unknown } | undefined)?.errorCode;
  if (reply.status >= 400 && (typeof errorCode === 'number' || typeof errorCode === 'string')) headers['x-ms-error-code'] = String(errorCode);

  const fragment = reply.delivery.fragment;
  const socket = response.socket;
  if (!fragment || !socket) {
    response.writeHead(reply.status, headers).end(payload);
    return;
  }
  headers['connection'] = 'close';
  const head = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? 'Unknown'}`, `date: ${new Date().toUTCString()}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  socket.setNoDelay(true);
  await writeInPieces((piece) => socket.write(piece), Buffer.concat([Buffer.from(head, 'latin1'), payload]), {
    ...fragment,
    isClosed: () => socket.destroyed,
    signal,
  });
  socket.end();
}
