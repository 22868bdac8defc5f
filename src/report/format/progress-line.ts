/**
 * A one-line progress display for a terminal: rewritten in place with a carriage return, cleared
 * before any other line is printed so output never interleaves with it.
 */
export class ProgressLine {
  private shown = false;

  constructor(private readonly stream: NodeJS.WritableStream & { columns?: number }) {}

  show(text: string): void {
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`\r\u001b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
