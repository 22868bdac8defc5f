import { request as httpsRequest } from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { getSchemaRegistry } from '../schemas/schema-registry.js';
import { AdapterFault } from './adapter-fault.js';
import type { DeviceDriver, Endpoint, RegisterCommand, RegisterExchange, RegisterReply, StartReply } from './protocol-types.js';
import { stringifyJson } from '../json/stringify-json.js';

/** What an in-process implementation module exports: the three protocol operations as functions (docs/contract/adapter-protocol.md). */
export interface InProcessImplementation {
  start(): Promise<Omit<StartReply, 'seq'>> | Omit<StartReply, 'seq'>;
  register(request: Record<string, unknown>): Promise<Record<string, unknown>>;
  stop(): Promise<void> | void;
}

export interface InProcessOptions {
  /** path or URL of the module */
  module: string;
  /** the host the implementation is told to use; msw routes its requests to the emulator (default: the global DPS endpoint) */
  virtualHost?: string;
  /** time beyond a request's `timeoutMs` before the reply counts as late */
  replySlackMs?: number;
}

/** Forwards one intercepted request to the emulator over TLS, trusting its CA. */
function forward(request: Request, target: Endpoint, body: Buffer | undefined): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name !== 'host' && name !== 'content-length') headers[name] = value;
  });
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      { host: target.host, port: target.httpsPort, method: request.method, path: `${url.pathname}${url.search}`, headers, ca: target.caPem, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve(new HttpResponse(Buffer.concat(chunks), { status: incoming.statusCode ?? 502, headers: responseHeaders }));
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Drives a Node implementation loaded into the harness's own process. The implementation is told to
 * use `virtualHost` (by default the real global DPS host); msw intercepts its HTTP(S) requests there
 * and routes them to the emulator, so implementations that cannot take a host, port or CA still run.
 * MQTT is not HTTP and is not intercepted: only `https` is claimed. A module cannot be killed, so a hang
 * is only timed out; a throw is a `crash`.
 */
export class InProcessDriver implements DeviceDriver {
  private implementation: InProcessImplementation | undefined;
  private server: ReturnType<typeof setupServer> | undefined;
  private target: Endpoint | undefined;
  private seq = 0;
  private readonly virtualHost: string;

  constructor(private readonly options: InProcessOptions) {
    this.virtualHost = options.virtualHost ?? 'global.azure-devices-provisioning.net';
  }

  readonly exhausted = false;

  async start(): Promise<StartReply> {
    const url = /^[a-z]+:/i.test(this.options.module) ? this.options.module : pathToFileURL(this.options.module).href;
    let loaded: Partial<InProcessImplementation>;
    try {
      loaded = (await import(url)) as Partial<InProcessImplementation>;
    } catch (error) {
      throw new AdapterFault('crash', `cannot load ${this.options.module}: ${(error as Error).message}`);
    }
    if (typeof loaded.start !== 'function' || typeof loaded.register !== 'function' || typeof loaded.stop !== 'function') {
      throw new AdapterFault('off-schema', `${this.options.module} must export start, register and stop functions`);
    }
    this.implementation = loaded as InProcessImplementation;
    const server = setupServer(
      http.all(`https://${this.virtualHost}/*`, async ({ request }) => {
        if (!this.target) return HttpResponse.error();
        const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
        return forward(request, this.target, body);
      }),
    );
    // everything else (the emulator itself, the webhook) passes untouched
    server.listen({ onUnhandledRequest: 'bypass' });
    // msw patches `https.request` on the CommonJS module; this makes ESM named imports (`import { request }
    // from 'node:https'`) see the patch too, so an ESM implementation cannot slip past the interception
    syncBuiltinESMExports();
    this.server = server;
    this.seq += 1;
    const reply: unknown = { seq: this.seq, ...(await this.call(() => this.implementation?.start(), 15_000, 'start')) };
    const check = getSchemaRegistry().check('adapter/start-reply', reply);
    if (!check.valid) throw new AdapterFault('off-schema', `start does not match adapter/start-reply: ${check.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    const claims = check.value;
    const https = claims.transports.filter((t) => t === 'https');
    if (https[0] === undefined) throw new AdapterFault('off-schema', 'in-process implementations register over https only, and this one claims no https');
    return { ...claims, transports: [https[0], ...https.slice(1)] };
  }

  async register(command: RegisterCommand): Promise<RegisterExchange> {
    this.seq += 1;
    this.target = command.endpoint;
    const seq = this.seq;
    // the implementation sees the virtual host; msw brings its requests to `command.endpoint`
    const request = { seq, cmd: 'register' as const, ...command, endpoint: { ...command.endpoint, host: this.virtualHost, httpsPort: 443 } };
    const started = Date.now();
    if (command.transport !== 'https') {
      const reply: RegisterReply = { seq, skipped: { reason: `in-process: msw intercepts HTTP(S) only, not ${command.transport}` } };
      return { request: { ...command, seq, cmd: 'register' }, reply, replyLine: stringifyJson(reply), stderr: '', durationMs: 0 };
    }
    const body = await this.call(() => this.implementation?.register(request), command.timeoutMs + (this.options.replySlackMs ?? 1000), 'register', request);
    const check = getSchemaRegistry().check('adapter/register-reply', { ...body, seq });
    if (!check.valid) {
      throw new AdapterFault('off-schema', `the register reply does not match adapter/register-reply: ${check.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { request, schemaErrors: check.errors });
    }
    return {
      request: { ...command, seq, cmd: 'register' },
      reply: check.value,
      replyLine: stringifyJson(check.value),
      stderr: '',
      durationMs: Date.now() - started,
    };
  }

  async stop(): Promise<void> {
    try {
      await this.call(() => this.implementation?.stop(), 2000, 'stop');
    } catch {
      // stopping is best effort
    }
    this.server?.close();
    this.server = undefined;
    syncBuiltinESMExports();
  }

  private async call<T>(operation: () => Promise<T> | T | undefined, timeoutMs: number, what: string, request?: unknown): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new AdapterFault('timeout', `no ${what} reply within ${timeoutMs} ms`, { request })), timeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(operation), timeout]);
      if (result === undefined) throw new AdapterFault('crash', `${what} returned nothing`, { request });
      return result;
    } catch (error) {
      if (error instanceof AdapterFault) throw error;
      throw new AdapterFault('crash', `${what} threw: ${error instanceof Error ? error.message : String(error)}`, { request });
    } finally {
      clearTimeout(timer);
    }
  }
}
