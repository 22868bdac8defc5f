import type { LosslessJson } from './lossless-json.js';

export type DeviceDialect = 'ga' | 'preview';
export type DeviceTransportName = 'https' | 'mqtt' | 'mqtt-ws' | 'amqp' | 'amqp-ws';

/** Where and how the reference device registers. */
export interface DeviceRegistration {
  transport: DeviceTransportName;
  dialect: DeviceDialect;
  host: string;
  httpsPort: number;
  mqttPort: number;
  /** AMQP over TLS port; AMQP over WebSocket uses the HTTPS port */
  amqpPort: number;
  caPem: string;
  idScope: string;
  registrationId: string;
  /** the device's symmetric key, base64 (for a group enrollment, already derived); '' with X.509 */
  deviceKey: string;
  /** X.509 attestation: the device certificate, its key and the chain (then no SAS is sent) */
  x509?: { certPem: string; keyPem: string; chainPem: string };
  /** application data; `undefined` = none */
  data?: LosslessJson;
  /** Date.now() after which the device gives up and reports an error */
  deadline: number;
  /** the AMQP link address (default `{idScope}/registrations/{registrationId}`, docs/protocol/amqp.md) */
  amqpAddress?: string;
  /** how the HTTPS body's text becomes bytes (default utf8, as JSON requires; another one only to test a harness) */
  httpsBodyEncoding?: BufferEncoding;
  /** how long to wait before the next request; the default honours what DPS advised */
  retryPolicy?: RetryPolicy;
  /** the register body as sent, from the standard one (default: the standard one); test devices change it */
  registerBody?: (standard: string) => string;
  log?: (line: string) => void;
}

/** Why the device waits: a poll after 202, a retry after 429 (throttled) or after a 5xx. */
export type WaitReason = 'poll' | 'throttled' | 'server-error';

export interface RetryPolicy {
  /**
   * How long to wait from now, when DPS's answer has just come. `sinceRequestMs` is how long ago the
   * request it answers was handed to the transport: a device that counts Retry-After from its own
   * request (as the Azure IoT C SDK does) subtracts it.
   */
  delayMs(reason: WaitReason, advisedSeconds: number | undefined, sinceRequestMs: number): number;
}

/** What DPS answered to one request, transport-neutral. */
export interface DpsAnswer {
  status: number;
  bodyText: string;
  retryAfterSeconds?: number;
}

/** One open connection (MQTT) or a way to send requests (HTTPS). */
export interface DpsChannel {
  register(bodyText: string, timeoutMs: number): Promise<DpsAnswer>;
  poll(operationId: string, timeoutMs: number): Promise<DpsAnswer>;
  close(): Promise<void>;
}

/** What the device hands its application: the registration result, or an error. */
export type DeviceOutcome =
  | {
      result: {
        status: string;
        assignedHub?: string;
        deviceId?: string;
        substatus?: string;
        errorCode?: number;
        errorMessage?: string;
        returnData?: LosslessJson;
      };
    }
  | { error: { message: string; statusCode?: number; errorCode?: number } };

/** An error the device reports to its application (as opposed to a bug). */
export class DeviceError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
    readonly errorCode?: number,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}
