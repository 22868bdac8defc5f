import { Agent, type AgentOptions } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * An https.Agent that connects to the emulator's address and port whatever host the SDK asked for,
 * keeping TLS verification against `servername`. The SDK's HTTPS transport never sets a port (it puts
 * `provisioningHost` in `host` as it is) and its MQTT-over-WebSocket URL is fixed to port 443, so an
 * agent is the one documented seam (azure-iot-http-base `http.agent`, azure-iot-mqtt-base
 * `mqtt.webSocketAgent`) that reaches a local emulator without touching SDK code.
 */
export class RedirectAgent extends Agent {
  constructor(
    private readonly target: { host: string; port: number; servername: string },
    options: AgentOptions = {},
  ) {
    // no keep-alive: an idle socket must not outlive the case
    super({ ...options, keepAlive: false });
  }

  override createConnection(options: Record<string, unknown>, callback?: (error: Error | null, socket: Duplex) => void): Duplex {
    // https.Agent's own createConnection (tls.connect), reached through the prototype because @types/node does not declare it
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const create = Agent.prototype.createConnection as unknown as (this: Agent, opts: Record<string, unknown>, cb?: unknown) => Duplex;
    // TLS forbids an IP address as server name (RFC 6066); then the certificate is checked against `host`
    const servername = isIP(this.target.servername) ? undefined : this.target.servername;
    return create.call(this, { ...options, host: this.target.host, port: this.target.port, servername }, callback);
  }
}
