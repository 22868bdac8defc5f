/**
 * An incremental parser of one HTTP/1.x answer, for the webhook client's keep-alive connections
 * (keep-alive-http-client.ts): status line and headers, then the body framed by chunked transfer
 * coding, Content-Length, or the end of the connection. 1xx interim answers are skipped. What it
 * refuses is named as Node's own parser names it (an `HPE_` code), so failures read the same as
 * through `http.request`.
 */

/** Node's default limit on the status line and headers together (`--max-http-header-size`). */
const MAX_HEAD_BYTES = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CRLF = Buffer.from('\r\n', 'latin1');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** headers Node keeps once (the first) when an answer repeats them; others are joined with ", " */
const SINGLE = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

export class HttpParseError extends Error {
  readonly code: string;
  constructor(code: string, reason: string) {
    super(`Parse Error: ${reason}`);
    this.code = code;
  }
}

export interface AnswerHead {
  status: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
}

/** What the caller is told as bytes arrive. */
export interface AnswerEvents {
  head(head: AnswerHead): void;
  /** a piece of the (decoded) body */
  body(chunk: Buffer): void;
  /** the answer is complete; `reusable`: the connection may carry the next request */
  end(reusable: boolean): void;
}

type State =
  | { at: 'head' }
  | { at: 'length'; left: number }
  | { at: 'chunk-size' }
  | { at: 'chunk-data'; left: number }
  | { at: 'chunk-end' }
  | { at: 'trailers' }
  | { at: 'until-close' }
  | { at: 'done' };

export class HttpAnswerParser {
  #state: State = { at: 'head' };
  /** bytes of an incomplete head or chunk line */
  #pending: Buffer | undefined;
  #keepAlive = false;
  readonly #events: AnswerEvents;

  constructor(events: AnswerEvents) {
    this.#events = events;
  }

  /** true once a head was read (the body may still be coming) */
  get started(): boolean {
    return this.#state.at !== 'head';
  }

  /** Feeds bytes from the connection; throws HttpParseError on what is not HTTP. */
  write(data: Buffer): void {
    let buf = this.#pending === undefined ? data : Buffer.concat([this.#pending, data]);
    this.#pending = undefined;
    while (buf.length > 0) {
      const state = this.#state;
      switch (state.at) {
        case 'head': {
          const end = buf.indexOf(HEAD_END);
          if (end < 0) {
            if (buf.length > MAX_HEAD_BYTES) throw new HttpParseError('HPE_HEADER_OVERFLOW', 'Header overflow');
            this.#pending = buf;
            return;
          }
          if (end > MAX_HEAD_BYTES) throw new HttpParseError('HPE_HEADER_OVERFLOW', 'Header overflow');
          const head = buf.toString('latin1', 0, end);
          buf = buf.subarray(end + HEAD_END.length);
          this.#readHead(head);
          // an answer without a body is complete now; what follows decides whether the connection is reusable
          const next = this.#state;
          if (next.at === 'length' && next.left === 0) {
            this.#finish(buf);
            return;
          }
          break;
        }
        case 'length': {
          const take = Math.min(state.left, buf.length);
          if (take > 0) this.#events.body(buf.subarray(0, take));
          buf = buf.subarray(take);
          state.left -= take;
          if (state.left === 0) {
            this.#finish(buf);
            return;
          }
          break;
        }
        case 'until-close':
          this.#events.body(buf);
          return;
        case 'chunk-size':
        case 'chunk-end':
        case 'trailers': {
          const eol = buf.indexOf(CRLF);
          if (eol < 0) {
            if (buf.length > MAX_HEAD_BYTES) throw new HttpParseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
            this.#pending = buf;
            return;
          }
          const line = buf.toString('latin1', 0, eol);
          buf = buf.subarray(eol + CRLF.length);
          if (state.at === 'chunk-end') {
            if (line !== '') throw new HttpParseError('HPE_STRICT', 'Expected LF after chunk data');
            this.#state = { at: 'chunk-size' };
          } else if (state.at === 'trailers') {
            if (line === '') {
              this.#finish(buf);
              return;
            }
          } else {
            const size = /^([0-9A-Fa-f]+)[ \t]*(?:;.*)?$/.exec(line);
            if (!size?.[1] || size[1].length > 8) throw new HttpParseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
            const left = Number.parseInt(size[1], 16);
            this.#state = left === 0 ? { at: 'trailers' } : { at: 'chunk-data', left };
          }
          break;
        }
        case 'chunk-data': {
          const take = Math.min(state.left, buf.length);
          this.#events.body(buf.subarray(0, take));
          buf = buf.subarray(take);
          state.left -= take;
          if (state.left === 0) this.#state = { at: 'chunk-end' };
          break;
        }
        case 'done':
          // bytes after a complete answer: the connection cannot be trusted with another request
          this.#keepAlive = false;
          return;
      }
    }
  }

  /**
   * The connection ended: completes an answer framed by the end of the connection (true), or says
   * the answer is incomplete (false).
   */
  close(): boolean {
    if (this.#state.at === 'until-close') {
      this.#state = { at: 'done' };
      this.#events.end(false);
      return true;
    }
    return this.#state.at === 'done';
  }

  #finish(rest: Buffer): void {
    this.#state = { at: 'done' };
    this.#events.end(this.#keepAlive && rest.length === 0);
  }

  #readHead(head: string): void {
    const lines = head.split('\r\n');
    const status = STATUS_LINE.exec(lines[0] ?? '');
    if (!status) throw new HttpParseError('HPE_INVALID_CONSTANT', 'Expected HTTP/');
    const minor = status[1];
    const code = Number(status[2]);
    const headers: Record<string, string | string[]> = {};
    for (let i = 1; i < lines.length; i += 1) {
      const line = lines[i] ?? '';
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon).toLowerCase() : '';
      if (!TOKEN.test(name)) throw new HttpParseError('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
      const value = line.slice(colon + 1).trim();
      const seen = headers[name];
      if (seen === undefined) headers[name] = name === 'set-cookie' ? [value] : value;
      else if (Array.isArray(seen)) seen.push(value);
      else if (!SINGLE.has(name)) headers[name] = `${seen}, ${value}`;
    }
    // interim answers (100 Continue, 103 Early Hints) come before the real one
    if (code >= 100 && code < 200 && code !== 101) return;
    const connection = String(headers['connection'] ?? '').toLowerCase();
    this.#keepAlive = code !== 101 && (minor === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection));
    this.#events.head({ status: code, statusMessage: status[3] ?? '', headers });
    const transfer = String(headers['transfer-encoding'] ?? '').toLowerCase();
    const length = headers['content-length'];
    if (code === 101 || code === 204 || code === 304) this.#state = { at: 'length', left: 0 };
    else if (transfer !== '' && /(?:^|,)\s*chunked\s*$/.test(transfer)) this.#state = { at: 'chunk-size' };
    else if (transfer !== '') this.#readUntilClose();
    else if (typeof length === 'string') {
      if (!/^\d+$/.test(length)) throw new HttpParseError('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
      this.#state = { at: 'length', left: Number(length) };
    } else this.#readUntilClose();
  }

  #readUntilClose(): void {
    this.#keepAlive = false;
    this.#state = { at: 'until-close' };
  }
}
