/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes` of one line: an
 * adapter that writes a 10 MB line (or never writes a newline) must not grow the harness's memory.
 * An over-long line is reported once and the rest of it, up to its newline, is thrown away.
 */
export interface LineSplitterEvents {
  /** a whole line, decoded as UTF-8 (invalid UTF-8 is reported as `invalidUtf8`) */
  line(text: string): void;
  /** a line grew past the cap; `prefix` is its first bytes, for evidence */
  overflow(prefix: string, bytesSoFar: number): void;
  invalidUtf8(prefixHex: string): void;
}

const PREFIX_BYTES = 200;

export class LineSplitter {
  private pieces: Buffer[] = [];
  private size = 0;
  private discarding = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly maxLineBytes: number,
    private readonly events: LineSplitterEvents,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      this.take(chunk.subarray(start, end));
      if (newline === -1) return;
      this.endLine();
      start = newline + 1;
    }
  }

  /** The stream ended: a last line without its newline still counts as a line. */
  end(): void {
    if (this.size > 0 || this.discarding) this.endLine();
  }

  private take(part: Buffer): void {
    if (part.length === 0) return;
    if (this.discarding) return;
    this.pieces.push(part);
    this.size += part.length;
    if (this.size > this.maxLineBytes) {
      const prefix = Buffer.concat(this.pieces).subarray(0, PREFIX_BYTES).toString('utf8');
      const size = this.size;
      this.pieces = [];
      this.size = 0;
      this.discarding = true;
      this.events.overflow(prefix, size);
    }
  }

  private endLine(): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    let bytes = Buffer.concat(this.pieces, this.size);
    this.pieces = [];
    this.size = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      this.events.invalidUtf8(bytes.subarray(0, 64).toString('hex'));
      return;
    }
    this.events.line(text);
  }
}
