import { connect } from 'node:tls';

/**
 * Sends raw bytes to an emulator port over TLS (trusting `caPem`); resolves with what came back once
 * the emulator closed, or with `open: true` when the connection is still open after `ms`.
 */
export function rawTls(port: number, caPem: string, bytes: Buffer, ms: number): Promise<{ reply: Buffer; open: boolean }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: caPem }, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks), open: true });
    }, ms);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply: Buffer.concat(chunks), open: false });
    });
  });
}
