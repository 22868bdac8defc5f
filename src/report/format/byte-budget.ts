/**
 * Accumulates lines while keeping the total UTF-8 size under a cap, with room held back for the
 * closing lines (the "N more not shown" notes), so a capped report still ends by saying what it left out.
 */
export class ByteBudget {
  private readonly lines: string[] = [];
  private used = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly reserve: number,
  ) {}

  /** Adds the text (plus a newline) if it fits before the reserve; says whether it did. */
  tryAdd(text: string): boolean {
    const size = Buffer.byteLength(text, 'utf8') + 1;
    if (this.used + size + this.reserve > this.maxBytes) return false;
    this.lines.push(text);
    this.used += size;
    return true;
  }

  /** Adds closing text into the reserve; cut short (never past the cap) if even that does not fit. */
  addClosing(text: string): void {
    const room = this.maxBytes - this.used - 1;
    if (room <= 0) return;
    let closing = text;
    if (Buffer.byteLength(closing, 'utf8') > room) {
      closing = Buffer.from(closing, 'utf8').subarray(0, room).toString('utf8').replace(/\uFFFD+$/, '');
    }
    this.lines.push(closing);
    this.used += Buffer.byteLength(closing, 'utf8') + 1;
  }

  toString(): string {
    return this.lines.map((line) => `${line}\n`).join('');
  }
}
