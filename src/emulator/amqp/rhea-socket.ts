import type { Duplex } from 'node:stream';
import type { Delivery } from '../core/core-request.js';
import { writeInPieces } from '../support/write-in-pieces.js';
import { AmqpFrameScanner, type AmqpScanProblem } from './amqp-frame-scanner.js';

/**
 * The WebSocket-like object rhea's `websocket_accept` takes (rhea/lib/ws.js `wrap`): `send`, `close`
 * and the `onmessage` / `onclose` / `onerror` handlers. rhea accepts an inbound connection only on
 * a server it creates itself (`listen`) or through this shape, so the emulator hands it its own TLS
 * sockets and WebSocket streams this way, which keeps one listener list for every front end.
 */
export interface RheaSocketShape {
  url: string;
  send(data: Buffer): void;
  close(): void;
  onmessage: ((event: { data: Buffer }) => void) | undefined;
  onclose: (() => void) | undefined;
  onerror: ((error: unknown) => void) | undefined;
}

/**
 * Wraps a device's stream for rhea. Inbound bytes pass the frame scanner first (a frame larger
 * than `maxFrameBytes`, or bytes that are not AMQP, call `onProblem` and stop the flow); outbound
 * bytes are written in pieces while `delivery.fragment` is set (planned fragmented delivery), in order.
 */
export class RheaSocket implements RheaSocketShape {
  readonly url: string;
  onmessage: ((event: { data: Buffer }) => void) | undefined;
  onclose: (() => void) | undefined;
  onerror: ((error: unknown) => void) | undefined;
  fragment: Delivery['fragment'];
  readonly #stream: Duplex;
  readonly #scanner: AmqpFrameScanner;
  #blocked = false;
  #writes: Promise<void> = Promise.resolve();

  constructor(stream: Duplex, options: { id: string; maxFrameBytes: number; onProblem: (problem: AmqpScanProblem) => void }) {
    this.url = options.id;
    this.#stream = stream;
    this.#scanner = new AmqpFrameScanner(options.maxFrameBytes);
    stream.on('data', (chunk: Buffer) => {
      if (this.#blocked) return;
      const problem = this.#scanner.scan(chunk);
      if (problem) {
        this.#blocked = true;
        options.onProblem(problem);
        return;
      }
      this.onmessage?.({ data: chunk });
    });
    // AMQP has no half-closed connection: a peer that ended its side has gone (a process that died
    // sends neither an AMQP close nor a WebSocket close frame). A TLS socket then closes by itself,
    // but ws's WebSocket stream waits for our side to end too, and would stay open until the stop.
    stream.on('end', () => stream.destroy());
    stream.on('close', () => this.onclose?.());
    stream.on('error', (error) => this.onerror?.(error));
  }

  get closed(): boolean {
    return this.#stream.destroyed;
  }

  send(data: Buffer): void {
    const fragment = this.fragment;
    if (!fragment) {
      // keep order behind fragmented writes still under way
      this.#writes = this.#writes.then(() => {
        if (this.#open()) this.#stream.write(data);
      });
      return;
    }
    const copy = Buffer.from(data);
    this.#writes = this.#writes.then(() => writeInPieces((piece) => this.#stream.write(piece), copy, { ...fragment, isClosed: () => !this.#open() }));
  }

  close(): void {
    void this.#writes.then(() => {
      if (this.#open()) this.#stream.end();
    });
  }

  #open(): boolean {
    return !this.#stream.destroyed && !this.#stream.writableEnded;
  }

  destroy(): void {
    this.#stream.destroy();
  }
}
