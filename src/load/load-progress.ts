import { ProgressLine } from '../report/format/progress-line.js';

/** On a terminal the line is rewritten this often; elsewhere a plain line is printed this often. */
const TTY_EVERY_MS = 250;
const PLAIN_EVERY_MS = 2000;

/**
 * The live progress of a load run: one line rewritten in place on a terminal, a plain line every
 * two seconds otherwise (CI logs). `describe` is asked for the text each time.
 */
export class LoadProgress {
  #timer: NodeJS.Timeout | undefined;
  readonly #line: ProgressLine | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly isTTY: boolean,
    private readonly describe: () => string,
  ) {
    this.#line = isTTY ? new ProgressLine(stream) : undefined;
  }

  start(): void {
    this.#timer = setInterval(() => this.#show(), this.isTTY ? TTY_EVERY_MS : PLAIN_EVERY_MS);
    this.#timer.unref();
  }

  #show(): void {
    if (this.#line) this.#line.show(this.describe());
    else this.stream.write(`${this.describe()}\n`);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#line?.clear();
  }
}
