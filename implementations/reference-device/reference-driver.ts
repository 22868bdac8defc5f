import { readFileSync } from 'node:fs';
import type { AdapterClaims, AdapterDriver, RegisterReplyBody } from './adapter-loop.js';
import type { DeviceDialect, DeviceRegistration, DeviceTransportName, RetryPolicy } from './device-types.js';
import { asText, type LosslessJson } from './lossless-json.js';
import { registerDevice } from './register-device.js';

const TRANSPORTS: readonly DeviceTransportName[] = ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws'];
const DIALECTS: readonly DeviceDialect[] = ['ga', 'preview'];
/** time kept back from the harness's `timeoutMs` so the reply arrives in time */
const REPLY_MARGIN_MS = 300;

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface ReferenceDriverOptions {
  retryPolicy?: RetryPolicy;
  /** the AMQP link address for a registration (default: the registration's own) */
  amqpAddress?: (idScope: string, registrationId: string) => string;
  /** the register body as sent, from the standard one (test devices with one defect or habit change it) */
  registerBody?: (standard: string) => string;
  /** how an HTTPS body becomes bytes (default utf8) */
  httpsBodyEncoding?: BufferEncoding;
  log?: (line: string) => void;
}

type JsonObject = { [key: string]: LosslessJson };

/** The reference device behind the adapter protocol: both dialects, HTTPS, MQTT and AMQP (TLS and WebSocket). */
export function referenceDriver(options: ReferenceDriverOptions = {}): AdapterDriver {
  const claims: AdapterClaims = {
    implementation: { name: 'dps-conformance-reference-device', version: packageVersion(), language: 'javascript' },
    dialects: [...DIALECTS],
    transports: [...TRANSPORTS],
    attestations: ['symmetricKey', 'x509'],
  };
  return {
    claims: () => claims,
    async register(request: JsonObject): Promise<RegisterReplyBody> {
      const transport = request['transport'] as DeviceTransportName;
      const dialect = request['dialect'] as DeviceDialect;
      const attestation = request['attestation'] as JsonObject | undefined;
      if (!TRANSPORTS.includes(transport)) return { skipped: { reason: `transport ${String(transport)} not supported` } };
      if (!DIALECTS.includes(dialect)) return { skipped: { reason: `dialect ${String(dialect)} not supported` } };
      const kind = attestation?.['type'];
      if (!attestation || (kind !== 'symmetricKey' && kind !== 'x509')) return { skipped: { reason: `attestation ${asText(kind)} not supported` } };
      const endpoint = request['endpoint'] as JsonObject;
      const timeoutMs = typeof request['timeoutMs'] === 'number' ? request['timeoutMs'] : 20_000;
      const registration: DeviceRegistration = {
        transport,
        dialect,
        host: asText(endpoint['host']),
        httpsPort: Number(endpoint['httpsPort']),
        mqttPort: Number(endpoint['mqttPort']),
        amqpPort: Number(endpoint['amqpPort']),
        caPem: asText(endpoint['caPem']),
        idScope: asText(request['idScope']),
        registrationId: asText(request['registrationId']),
        deviceKey: kind === 'symmetricKey' ? asText(attestation['key']) : '',
        ...(kind === 'x509' ? { x509: { certPem: asText(attestation['certPem']), keyPem: asText(attestation['keyPem']), chainPem: typeof attestation['chainPem'] === 'string' ? attestation['chainPem'] : '' } } : {}),
        deadline: Date.now() + Math.max(1, timeoutMs - REPLY_MARGIN_MS),
        ...(Object.prototype.hasOwnProperty.call(request, 'data') ? { data: request['data'] as LosslessJson } : {}),
        ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
        ...(options.amqpAddress ? { amqpAddress: options.amqpAddress(asText(request['idScope']), asText(request['registrationId'])) } : {}),
        ...(options.registerBody ? { registerBody: options.registerBody } : {}),
        ...(options.httpsBodyEncoding ? { httpsBodyEncoding: options.httpsBodyEncoding } : {}),
        ...(options.log ? { log: options.log } : {}),
      };
      return (await registerDevice(registration));
    },
  };
}
