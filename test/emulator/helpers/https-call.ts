import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { RunningEmulator } from '../../../src/emulator/index.js';

export interface HttpsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
  /** how many separate 'data' events carried the body */
  dataEvents: number;
}

/** A hand-written DPS client call: node:https, the emulator's CA, server name localhost. */
export function httpsCall(
  emulator: Pick<RunningEmulator, 'httpsPort' | 'caPem'>,
  options: { method: string; path: string; body?: string | Buffer; headers?: Record<string, string> },
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...options.headers };
    if (body) headers['content-length'] = String(body.length);
    const req = request({ host: '127.0.0.1', port: emulator.httpsPort, servername: 'localhost', ca: emulator.caPem, method: options.method, path: options.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let dataEvents = 0;
      res.on('data', (chunk: Buffer) => {
        dataEvents += 1;
        chunks.push(chunk);
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // left empty: the test asserts on text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, dataEvents });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
