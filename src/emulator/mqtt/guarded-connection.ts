import { Duplex } from 'node:stream';
import { writeInPieces } from '../support/write-in-pieces.js';

/** MQTT 3.1.1 control packet type 14 (section 3.14) */
const DISCONNECT = 14;

/**
 * Sits between a device's stream (TLS socket or WebSocket stream) and aedes:
 * - inbound, it reads MQTT fixed headers and calls `onOversize` (then stops passing data on) when a
 *   packet announces more than `maxPacketBytes`, so aedes never buffers an oversized packet, and notes
 *   a DISCONNECT (how the device left is evidence: a clean goodbye, or a connection that just ended);
 * - outbound, it writes in small pieces with pauses while `fragment` is set (planned fragmented
 *   delivery; each piece becomes its own TLS record or WebSocket frame).
 */
export class GuardedConnection extends Duplex {
  fragment: { chunkBytes: number; pauseMs: number } | undefined;
  /** the device sent an MQTT DISCONNECT */
  disconnectReceived = false;
  readonly #inner: Duplex;
  readonly #maxPacketBytes: number;
  readonly #onOversize: (bytes: number) => void;
  // fixed-header scanner state
  #state: 'type' | 'length' | 'body' = 'type';
  #length = 0;
  #multiplier = 1;
  #remaining = 0;
  #blocked = false;

  constructor(inner: Duplex, options: { maxPacketBytes: number; onOversize: (bytes: number) => void }) {
    super();
    this.#inner = inner;
    this.#maxPacketBytes = options.maxPacketBytes;
    this.#onOversize = options.onOversize;
    inner.on('data', (chunk: Buffer) => {
      if (this.#blocked) return;
      if (!this.#scan(chunk)) return;
      if (!this.push(chunk)) inner.pause();
    });
    inner.on('end', () => this.push(null));
    inner.on('error', (error) => this.destroy(error));
    inner.on('close', () => this.destroy());
  }

  override _read(): void {
    this.#inner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const fragment = this.fragment;
    if (!fragment) {
      this.#inner.write(chunk, callback);
      return;
    }
    writeInPieces((piece) => this.#inner.write(piece), chunk, { ...fragment, isClosed: () => this.#inner.destroyed }).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#inner.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner.destroy();
    callback(error);
  }

  /** false once a packet is too large: the connection is then cut by the owner. */
  #scan(chunk: Buffer): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === 'type') {
        if (chunk[i]! >> 4 === DISCONNECT) this.disconnectReceived = true;
        i += 1;
        this.#state = 'length';
        this.#length = 0;
        this.#multiplier = 1;
      } else if (this.#state === 'length') {
        const byte = chunk[i]!;
        i += 1;
        this.#length += (byte & 0x7f) * this.#multiplier;
        this.#multiplier *= 128;
        if (byte & 0x80 && this.#multiplier <= 128 ** 3) continue;
        if (this.#length > this.#maxPacketBytes) {
          this.#blocked = true;
          this.#onOversize(this.#length);
          return false;
        }
        this.#remaining = this.#length;
        this.#state = this.#remaining === 0 ? 'type' : 'body';
      } else {
        const take = Math.min(this.#remaining, chunk.length - i);
        i += take;
        this.#remaining -= take;
        if (this.#remaining === 0) this.#state = 'type';
      }
    }
    return true;
  }
}
