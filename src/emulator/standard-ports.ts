import { createServer } from 'node:net';
import { HarnessError, HarnessErrorCode, isHarnessError } from '../errors/harness-error.js';
import type { EmulatorOptions, RunningEmulator } from './emulator-options.js';

/**
 * The ports real DPS serves, by the emulator option that sets each. SDKs that take no port (the
 * Python and Java device SDKs) dial these. Every port the emulator serves is listed here, so that a
 * standard-ports emulator binds them all. TODO(amqp): `amqpPort: 5671` once the emulator serves AMQP.
 */
export const STANDARD_PORTS = { httpsPort: 443, mqttPort: 8883 } as const satisfies Partial<Record<keyof EmulatorOptions, number>>;

/** First and last loopback address tried; 127.0.0.1 is left to everything else on the machine. */
const FIRST_OCTET = 2;
const LAST_OCTET = 254;

/** How to let a user who is not root bind ports below 1024 (see docs/contract/bundled-implementations.md). */
export const PRIVILEGED_PORT_HINT =
  'run as root, or allow it: `sudo setcap cap_net_bind_service=+ep "$(readlink -f "$(which node)")"` ' +
  'or `sudo sysctl net.ipv4.ip_unprivileged_port_start=443` (see docs/contract/bundled-implementations.md)';

function errnoOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as NodeJS.ErrnoException).code;
    if (code && !code.startsWith('ERR_DPSC')) return code;
    current = current.cause;
  }
  return undefined;
}

/** Resolves with the errno code of binding host:port, or undefined when it could be bound (and was released). */
function probe(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'EUNKNOWN'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

function privilegedError(host: string, port: number, code: string): HarnessError {
  return new HarnessError(
    HarnessErrorCode.PORT_UNAVAILABLE,
    `cannot listen on ${host}:${port} (${code}): the standard ports (${Object.values(STANDARD_PORTS).join(', ')}) are privileged; ${PRIVILEGED_PORT_HINT}`,
    { port, host, option: 'standardPorts' },
  );
}

/**
 * Starts an emulator at the standard ports on a loopback address of its own (127.0.0.2 and up, moving
 * on when one is taken, since several emulators may run at once); that address is `host` and is in
 * the server certificate. A port the process may not bind (not root) is an error naming the fix.
 */
export async function startOnOwnLoopback(
  options: EmulatorOptions,
  start: (options: EmulatorOptions) => Promise<RunningEmulator>,
): Promise<RunningEmulator> {
  const ports = Object.values(STANDARD_PORTS);
  let lastTaken = '';
  for (let octet = FIRST_OCTET; octet <= LAST_OCTET; octet++) {
    const host = `127.0.0.${octet}`;
    // a cheap probe first, so a taken address costs no certificate
    const codes = await Promise.all(ports.map((port) => probe(host, port)));
    const refused = codes.findIndex((code) => code === 'EACCES' || code === 'EPERM');
    if (refused >= 0) throw privilegedError(host, ports[refused]!, codes[refused]!);
    if (codes.some((code) => code !== undefined)) {
      lastTaken = `${host} (${codes.filter(Boolean).join(', ')})`;
      continue;
    }
    try {
      return await start({ ...options, standardPorts: false, host, ...STANDARD_PORTS });
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'EACCES' || code === 'EPERM') throw privilegedError(host, ports[0]!, code);
      // taken between the probe and the bind (another emulator won the race): try the next address
      if (isHarnessError(error) && error.code === HarnessErrorCode.PORT_UNAVAILABLE && code === 'EADDRINUSE') {
        lastTaken = `${host} (EADDRINUSE)`;
        continue;
      }
      throw error;
    }
  }
  throw new HarnessError(
    HarnessErrorCode.PORT_UNAVAILABLE,
    `no loopback address from 127.0.0.${FIRST_OCTET} to 127.0.0.${LAST_OCTET} has the standard ports free (last tried: ${lastTaken})`,
    { option: 'standardPorts' },
  );
}
