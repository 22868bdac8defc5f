/** What the scanner found wrong in the inbound bytes. */
export type AmqpScanProblem = { kind: 'frame-too-large'; bytes: number } | { kind: 'not-amqp'; detail: string };

const HEADER_BYTES = 8;
const MIN_FRAME_BYTES = 8;

/**
 * Reads AMQP 1.0 framing (OASIS AMQP 1.0 part 2.3) as bytes arrive, without decoding: 8-byte protocol
 * headers (`AMQP` + protocol id + version, once before SASL and once after) and frames whose first
 * four bytes are their size. It exists so that a peer announcing a huge frame is cut off before rhea
 * buffers it (rhea collects a frame of any announced size) and so that bytes that are not AMQP at all
 * are refused with a clear reason.
 */
export class AmqpFrameScanner {
  readonly #maxFrameBytes: number;
  /** bytes still to skip of the current frame */
  #remaining = 0;
  /** the start of a header or frame size split across reads */
  #pending = Buffer.alloc(0);
  #started = false;

  constructor(maxFrameBytes: number) {
    this.#maxFrameBytes = maxFrameBytes;
  }

  /** Scans one chunk; returns the first problem, or undefined while the bytes look like AMQP. */
  scan(chunk: Buffer): AmqpScanProblem | undefined {
    let data = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = Buffer.alloc(0);
    if (!this.#started && data.length > 0) {
      // a connection opens with a protocol header; anything else (TLS to the wrong port, HTTP, noise) is not AMQP
      const prefix = Math.min(4, data.length);
      if (data.toString('latin1', 0, prefix) !== 'AMQP'.slice(0, prefix)) return { kind: 'not-amqp', detail: 'the connection did not open with an AMQP protocol header' };
      this.#started = data.length >= 4;
    }
    while (data.length > 0) {
      if (this.#remaining > 0) {
        const take = Math.min(this.#remaining, data.length);
        this.#remaining -= take;
        data = data.subarray(take);
        continue;
      }
      if (data.length < 4) {
        this.#pending = Buffer.from(data);
        return undefined;
      }
      if (data.toString('latin1', 0, 4) === 'AMQP') {
        if (data.length < HEADER_BYTES) {
          this.#pending = Buffer.from(data);
          return undefined;
        }
        data = data.subarray(HEADER_BYTES);
        continue;
      }
      const size = data.readUInt32BE(0);
      if (size < MIN_FRAME_BYTES) return { kind: 'not-amqp', detail: `frame size ${size} is below the minimum of ${MIN_FRAME_BYTES}` };
      if (size > this.#maxFrameBytes) return { kind: 'frame-too-large', bytes: size };
      this.#remaining = size;
    }
    return undefined;
  }
}
