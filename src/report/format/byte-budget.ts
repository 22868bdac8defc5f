/**
 * Accumulates blocks of text while keeping the total UTF-8 size and the number of lines under caps,
 * with room held back for the closing lines (the "N more not shown" notes), so a capped report still
 * ends by saying what it left out.
 */
export class ByteBudget {
  private readonly blocks: string[] = [];
  private used = 0;
  private usedLines = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly reserve: number,
    private readonly maxLines = Number.POSITIVE_INFINITY,
    private readonly reserveLines = 0,
  ) {}

  /** Lines a block takes once written (plus its newline). */
  static linesOf(text: string): number {
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines += 1;
    return lines;
  }

  /** Whether `text` (plus a newline) would fit before the reserve, leaving `keepLines` lines and `keepBytes` bytes free. */
  fits(text: string, keepLines = 0, keepBytes = 0): boolean {
    const size = Buffer.byteLength(text, 'utf8') + 1;
    const bytesFit = this.used + size + this.reserve + keepBytes <= this.maxBytes;
    return bytesFit && this.usedLines + ByteBudget.linesOf(text) + this.reserveLines + keepLines <= this.maxLines;
  }

  /** Adds the text (plus a newline) if it fits before the reserve (and `keepLines` more lines); says whether it did. */
  tryAdd(text: string, keepLines = 0, keepBytes = 0): boolean {
    if (!this.fits(text, keepLines, keepBytes)) return false;
    this.blocks.push(text);
    this.used += Buffer.byteLength(text, 'utf8') + 1;
    this.usedLines += ByteBudget.linesOf(text);
    return true;
  }

  /** Adds closing text into the reserve; cut short (never past the byte cap) if even that does not fit. */
  addClosing(text: string): void {
    const room = this.maxBytes - this.used - 1;
    if (room <= 0) return;
    let closing = text;
    if (Buffer.byteLength(closing, 'utf8') > room) {
      closing = Buffer.from(closing, 'utf8').subarray(0, room).toString('utf8').replace(/\uFFFD+$/, '');
    }
    this.blocks.push(closing);
    this.used += Buffer.byteLength(closing, 'utf8') + 1;
    this.usedLines += ByteBudget.linesOf(closing);
  }

  get lines(): number {
    return this.usedLines;
  }

  toString(): string {
    return this.blocks.map((block) => `${block}\n`).join('');
  }
}
