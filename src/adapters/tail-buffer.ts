/** Keeps the last `maxBytes` of a stream (an adapter's stderr), for evidence that cannot grow without bound. */
export class TailBuffer {
  private pieces: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.pieces.push(chunk);
    this.size += chunk.length;
    while (this.size > this.maxBytes && this.pieces.length > 0) {
      const first = this.pieces[0] as Buffer;
      const excess = this.size - this.maxBytes;
      if (first.length <= excess) {
        this.pieces.shift();
        this.size -= first.length;
        this.dropped += first.length;
      } else {
        this.pieces[0] = first.subarray(excess);
        this.size -= excess;
        this.dropped += excess;
      }
    }
  }

  /** Bytes kept since `mark` (an earlier `position()`), as text; older bytes that fell out are marked. */
  since(mark: number): string {
    const total = this.dropped + this.size;
    const from = Math.max(mark, this.dropped);
    const text = Buffer.concat(this.pieces).subarray(from - this.dropped).toString('utf8');
    return from > mark && total > mark ? `[... ${from - mark} bytes dropped]\n${text}` : text;
  }

  /** A mark for `since`: the number of bytes seen so far. */
  position(): number {
    return this.dropped + this.size;
  }

  text(): string {
    return this.since(0);
  }
}
