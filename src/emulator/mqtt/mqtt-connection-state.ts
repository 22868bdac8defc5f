import type { FrontEnd } from '../core/core-request.js';
import type { GuardedConnection } from './guarded-connection.js';

/** What the MQTT front end remembers about one device connection. */
export interface MqttConnectionState {
  frontEnd: Extract<FrontEnd, 'mqtt' | 'mqtt-ws'>;
  /** DeviceConnections id, named by every transcript entry of this connection */
  connection: string;
  /** set when the emulator itself ends the connection (a refusal, a limit): why */
  endedByEmulator?: string;
  /** set when the device closed its WebSocket with a close frame RFC 6455 does not allow: what was wrong */
  closeFrameProblem?: string;
  /** the TLS client certificate chain (X.509 attestation), when the device presented one */
  clientCertificate?: readonly string[];
  guard: GuardedConnection;
  idScope?: string;
  registrationId?: string;
  apiVersion?: string;
  password?: string;
  /** the CONNECT's CleanSession flag as sent, and its protocol level (4 = MQTT 3.1.1) */
  cleanRequested?: boolean;
  protocolLevel?: number;
  /** QoS granted for `$dps/registrations/res/#`; answers use it */
  responseQos?: 0 | 1;
}
