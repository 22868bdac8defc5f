/**
 * What qpid-proton-j-extensions 1.2.4 (the Java SDK's AMQP over WebSocket) writes when it has 16 KiB
 * to send (implementations/azure-iot-java-sdk/README.md): a masked frame announcing 16,384 payload
 * bytes; TLS takes 16,384 bytes of it with its 8-byte header, and the rest goes out behind a second
 * frame header, which lands inside the first frame's payload. A receiver then reads bytes of the second
 * frame's payload as the next header (here 0x5b: RSV1 and RSV3 set, as in the captured run). Masking
 * keys of zero keep the bytes as written. `start` opens the first payload (a frame of the protocol
 * announcing more than arrives, so that the protocol layer waits instead of failing first).
 */
export function headerInsidePayload(start: Buffer): Buffer {
  const header = Buffer.from([0x82, 0xfe, 0x40, 0x00, 0, 0, 0, 0]);
  const first = Buffer.alloc(16_384 - header.length);
  start.copy(first);
  return Buffer.concat([header, first, header, Buffer.from([0x5b, 0x0e, 0x4f, 0xcb, 0x12, 0x05, 0x4f, 0xd3])]);
}
