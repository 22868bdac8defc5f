import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A listening test server: its URL (with a path and query), how many connections it accepted, and close. */
export interface RunningServer {
  url: URL;
  connections(): number;
  close(): Promise<void>;
}

async function listen(server: Server, path: string): Promise<RunningServer> {
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    connections += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`),
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A node:http server. */
export function httpServer(handler: RequestListener, configure: (server: HttpServer) => void = () => undefined): Promise<RunningServer> {
  const server = createHttpServer(handler);
  configure(server);
  return listen(server, '/hook?code=k');
}

/**
 * A server that answers every whole request (head and `content-length` body) with these raw bytes,
 * then closes the connection at once (true), after an idle while in ms, or never (false).
 */
export function rawServer(answer: string, close: boolean | number = false): Promise<RunningServer> {
  return listen(
    createNetServer((socket) => {
      let seen = '';
      socket.on('data', (d: Buffer) => {
        seen += d.toString('latin1');
        const end = seen.indexOf('\r\n\r\n');
        const length = /content-length: (\d+)/i.exec(seen);
        if (end < 0 || seen.length < end + 4 + Number(length?.[1] ?? 0)) return;
        seen = '';
        socket.write(answer);
        if (close === true) socket.end();
        else if (close !== false) setTimeout(() => socket.end(), close);
      });
      socket.on('error', () => undefined);
    }),
    '/hook?code=k',
  );
}

/**
 * A webhook that answers JSON at once and closes every connection that has been idle for `idleMs`,
 * without saying so in a `Keep-Alive` header (as a server with a short idle timeout and no hint does):
 * a request written just as the timer fires meets a connection that is closing.
 */
export function idleClosingServer(idleMs: number, answer = '{"iotHubHostName":"dpsc-hub-1.azure-devices.net"}'): Promise<RunningServer & { calls(): number }> {
  let calls = 0;
  const idleTimers = new WeakMap<Socket, { busy(): void; idle(): void }>();
  const server = createHttpServer((req, res) => {
    idleTimers.get(req.socket)?.busy();
    res.on('finish', () => idleTimers.get(req.socket)?.idle());
    req.resume();
    req.on('end', () => {
      calls += 1;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(answer)) }).end(answer);
    });
  });
  // no timeout of Node's own, so no `Keep-Alive: timeout=N` hint either: the idle timer below is the only one
  server.keepAliveTimeout = 0;
  server.on('connection', (socket: Socket) => {
    let timer: NodeJS.Timeout | undefined;
    const timers = {
      busy: () => clearTimeout(timer),
      idle: () => {
        clearTimeout(timer);
        timer = setTimeout(() => socket.end(), idleMs);
      },
    };
    // as Node's own keepAliveTimeout: the idle time runs from the end of an answer, not from the connection
    idleTimers.set(socket, timers);
    socket.on('close', () => clearTimeout(timer));
  });
  return listen(server, '/api/allocate').then((running) => ({ ...running, calls: () => calls }));
}
