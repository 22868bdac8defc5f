import { createRequire } from 'node:module';
import type { AdapterClaims, AdapterDriver, RegisterReplyBody } from '../reference-device/adapter-loop.js';
import { asText, type LosslessJson } from '../reference-device/lossless-json.js';
import { RedirectAgent } from './redirect-agent.js';

const require = createRequire(import.meta.url);

/* The SDK is CommonJS; these are the few members the adapter touches. */
interface AmqpTransport {
  setAuthentication(auth: { ca?: string; cert?: string; key?: string }): void;
  setTransportOptions(options: { webSocketAgent?: unknown }): void;
}
interface RegistrationClient {
  setProvisioningPayload(payload: unknown): void;
  register(): Promise<Record<string, unknown>>;
  cancel(): Promise<void>;
}
interface SdkModules {
  ProvisioningDeviceClient: { create(host: string, idScope: string, transport: unknown, security: unknown): RegistrationClient };
  Http: new (base?: unknown) => unknown;
  Mqtt: new (base?: unknown) => unknown;
  MqttWs: new (base?: unknown) => unknown;
  Amqp: new (base?: unknown) => AmqpTransport;
  AmqpWs: new (base?: unknown) => AmqpTransport;
  SymmetricKeySecurityClient: new (registrationId: string, key: string) => unknown;
  X509Security: new (registrationId: string, certificate: { cert: string; key: string; ca?: string }) => unknown;
  HttpBase: new () => { setOptions(options: Record<string, unknown>): void };
  MqttBase: new () => { setOptions(options: Record<string, unknown>): void };
  version: string;
}

function loadSdk(): SdkModules {
  const device = require('azure-iot-provisioning-device') as { ProvisioningDeviceClient: SdkModules['ProvisioningDeviceClient'] };
  const http = require('azure-iot-provisioning-device-http') as { Http: SdkModules['Http'] };
  const mqtt = require('azure-iot-provisioning-device-mqtt') as { Mqtt: SdkModules['Mqtt']; MqttWs: SdkModules['MqttWs'] };
  const amqp = require('azure-iot-provisioning-device-amqp') as { Amqp: SdkModules['Amqp']; AmqpWs: SdkModules['AmqpWs'] };
  const security = require('azure-iot-security-symmetric-key') as { SymmetricKeySecurityClient: SdkModules['SymmetricKeySecurityClient'] };
  const x509 = require('azure-iot-security-x509') as { X509Security: SdkModules['X509Security'] };
  // the same copies the transports load (npm dedupes them under the repository's node_modules)
  const httpBase = require(require.resolve('azure-iot-http-base', { paths: [require.resolve('azure-iot-provisioning-device-http')] })) as { Http: SdkModules['HttpBase'] };
  const mqttBase = require(require.resolve('azure-iot-mqtt-base', { paths: [require.resolve('azure-iot-provisioning-device-mqtt')] })) as { MqttBase: SdkModules['MqttBase'] };
  const pkg = require('azure-iot-provisioning-device/package.json') as { version: string };
  return {
    ProvisioningDeviceClient: device.ProvisioningDeviceClient,
    Http: http.Http,
    Mqtt: mqtt.Mqtt,
    MqttWs: mqtt.MqttWs,
    Amqp: amqp.Amqp,
    AmqpWs: amqp.AmqpWs,
    SymmetricKeySecurityClient: security.SymmetricKeySecurityClient,
    X509Security: x509.X509Security,
    HttpBase: httpBase.Http,
    MqttBase: mqttBase.MqttBase,
    version: pkg.version,
  };
}

type JsonObject = { [key: string]: LosslessJson };
type Transport = 'https' | 'mqtt' | 'mqtt-ws' | 'amqp' | 'amqp-ws';
const TRANSPORTS: readonly Transport[] = ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws'];
/** time kept back from the harness's `timeoutMs` so the reply arrives in time */
const REPLY_MARGIN_MS = 300;

function containsBigInt(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(containsBigInt);
}

/**
 * Builds the SDK's own transport for the emulator. Nothing in the SDK is replaced: each transport is
 * given a real azure-iot-http-base / azure-iot-mqtt-base instance configured through their public
 * `setOptions` (CA, and an agent that reaches the emulator's port), which is the constructor hook the
 * transports document. Returns the transport and the `provisioningHost` to give the client.
 */
function sdkTransport(sdk: SdkModules, transport: Transport, endpoint: JsonObject): { transport: unknown; provisioningHost: string } {
  const host = asText(endpoint['host']);
  const ca = asText(endpoint['caPem']);
  const httpsPort = Number(endpoint['httpsPort']);
  const mqttPort = Number(endpoint['mqttPort']);
  const amqpPort = Number(endpoint['amqpPort']);
  // TCP goes to the host as given; TLS verifies the same name
  if (transport === 'https') {
    const base = new sdk.HttpBase();
    base.setOptions({ ca, http: { agent: new RedirectAgent({ host, port: httpsPort, servername: host }, { ca }) } });
    return { transport: new sdk.Http(base), provisioningHost: `${host}:${httpsPort}` };
  }
  if (transport === 'mqtt') {
    // the MQTT transport builds `mqtts://<provisioningHost>`, so host:port is honoured natively
    const base = new sdk.MqttBase();
    base.setOptions({ ca });
    return { transport: new sdk.Mqtt(base), provisioningHost: `${host}:${mqttPort}` };
  }
  if (transport === 'amqp' || transport === 'amqp-ws') {
    // the AMQP transport has no option for a CA; `setAuthentication` fills the TLS options rhea connects
    // with (for X.509 the SDK calls it again with the certificate, see the README)
    const amqp = transport === 'amqp' ? new sdk.Amqp() : new sdk.AmqpWs();
    amqp.setAuthentication({ ca });
    // Amqp builds `amqps://<provisioningHost>` (port honoured); AmqpWs `wss://<host>:443/$iothub/websocket`, so an agent picks the port
    if (transport === 'amqp') return { transport: amqp, provisioningHost: `${host}:${amqpPort}` };
    amqp.setTransportOptions({ webSocketAgent: new RedirectAgent({ host, port: httpsPort, servername: host }, { ca }) });
    return { transport: amqp, provisioningHost: host };
  }
  // MqttWs builds `wss://<provisioningHost>:443/$iothub/websocket`: a bare host, and the agent picks the port
  const base = new sdk.MqttBase();
  base.setOptions({ ca, mqtt: { webSocketAgent: new RedirectAgent({ host, port: httpsPort, servername: host }, { ca }) } });
  return { transport: new sdk.MqttWs(base), provisioningHost: host };
}

/**
 * What `X509Security` hands the transport: the certificate followed by its chain, the key, and the
 * emulator's CA (the transports put `ca` into their TLS options beside `cert` and `key`, see the README).
 */
function x509Credentials(attestation: JsonObject, endpoint: JsonObject): { cert: string; key: string; ca: string } {
  const chain = typeof attestation['chainPem'] === 'string' ? attestation['chainPem'].trim() : '';
  const cert = asText(attestation['certPem']).trim();
  return { cert: chain ? `${cert}\n${chain}\n` : cert, key: asText(attestation['keyPem']), ca: asText(endpoint['caPem']) };
}

function errorReply(error: unknown): RegisterReplyBody {
  const err = (error ?? {}) as Record<string, unknown> & { response?: { statusCode?: unknown }; result?: unknown };
  const name = typeof err['name'] === 'string' ? err['name'] : 'Error';
  const message = typeof err['message'] === 'string' && err['message'] !== '' ? err['message'] : `${name} (the SDK gave no message)`;
  const reported: JsonObject = { message, name };
  // statusCode only when the SDK exposes an HTTP error response; a `failed` registration arrives on a 200
  const status = err.response?.statusCode;
  if (typeof status === 'number' && status >= 300 && status <= 599) reported['statusCode'] = status;
  const result = err.result as Record<string, unknown> | undefined;
  const state = result?.['registrationState'] as Record<string, unknown> | undefined;
  let errorCode: unknown = state?.['errorCode'] ?? result?.['errorCode'];
  if (errorCode === undefined && typeof err['responseBody'] === 'string') {
    try {
      errorCode = (JSON.parse(err['responseBody']) as { errorCode?: unknown }).errorCode;
    } catch {
      // a body that is not JSON carries no code
    }
  }
  if (typeof errorCode === 'number' && Number.isInteger(errorCode)) reported['errorCode'] = errorCode;
  if (state) {
    // a failed or disabled registration: the SDK rejects, and carries the registration state it got
    reported['registrationStatus'] = asText(result?.['status'] ?? state['status']);
    if (typeof state['errorMessage'] === 'string') reported['registrationErrorMessage'] = state['errorMessage'];
  }
  return { error: reported };
}

/** The real Azure IoT Node provisioning SDK behind the adapter protocol (ga dialect only: it sends `payload`). */
export function sdkDriver(log: (line: string) => void): AdapterDriver {
  const sdk = loadSdk();
  const claims: AdapterClaims = {
    implementation: { name: 'azure-iot-provisioning-device', version: sdk.version, language: 'javascript', homepage: 'https://github.com/Azure/azure-iot-sdk-node' },
    dialects: ['ga'],
    transports: [...TRANSPORTS],
    attestations: ['symmetricKey', 'x509'],
  };
  return {
    claims: () => claims,
    async register(request: JsonObject): Promise<RegisterReplyBody> {
      const transport = request['transport'] as Transport;
      const attestation = request['attestation'] as JsonObject | undefined;
      if (request['dialect'] !== 'ga') return { skipped: { reason: `dialect ${asText(request['dialect'])}: the SDK sends and reads \`payload\` only (ga)` } };
      if (!TRANSPORTS.includes(transport)) return { skipped: { reason: `transport ${String(transport)} not supported by this adapter` } };
      const kind = attestation?.['type'];
      if (!attestation || (kind !== 'symmetricKey' && kind !== 'x509')) return { skipped: { reason: `attestation ${asText(kind)} not supported by this adapter` } };
      const hasData = Object.prototype.hasOwnProperty.call(request, 'data');
      if (hasData && containsBigInt(request['data'])) {
        return { skipped: { reason: 'the SDK takes the payload as a JavaScript object, which cannot hold integers beyond 2^53' } };
      }
      const { transport: sdkTransportInstance, provisioningHost } = sdkTransport(sdk, transport, request['endpoint'] as JsonObject);
      const registrationId = asText(request['registrationId']);
      const security = kind === 'x509' ? new sdk.X509Security(registrationId, x509Credentials(attestation, request['endpoint'] as JsonObject)) : new sdk.SymmetricKeySecurityClient(registrationId, asText(attestation['key']));
      const client = sdk.ProvisioningDeviceClient.create(provisioningHost, asText(request['idScope']), sdkTransportInstance, security);
      if (hasData) client.setProvisioningPayload(request['data']);
      const timeoutMs = typeof request['timeoutMs'] === 'number' ? request['timeoutMs'] : 20_000;
      log(`register ${asText(request['registrationId'])} over ${transport} via ${provisioningHost}`);
      let timer: NodeJS.Timeout | undefined;
      // the SDK has no overall deadline (it polls for as long as DPS says `assigning`); the adapter stops
      // waiting before the harness does and says so, so that this is reported as the SDK not giving up
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), Math.max(1, timeoutMs - REPLY_MARGIN_MS));
      });
      try {
        const outcome = await Promise.race([client.register().then((result) => ({ result })), deadline]);
        if (outcome === 'deadline') {
          client.cancel().catch(() => undefined);
          return { error: { message: `register() had not settled after ${timeoutMs - REPLY_MARGIN_MS} ms (the adapter stopped waiting)`, adapterDeadline: true } };
        }
        const state = outcome.result;
        const result: JsonObject = { status: asText(state['status']) };
        for (const key of ['assignedHub', 'deviceId', 'substatus', 'errorMessage'] as const) {
          if (typeof state[key] === 'string') result[key] = state[key];
        }
        if (typeof state['errorCode'] === 'number') result['errorCode'] = state['errorCode'];
        if (Object.prototype.hasOwnProperty.call(state, 'payload') && state['payload'] !== undefined) result['returnData'] = state['payload'] as LosslessJson;
        return { result };
      } catch (error) {
        return errorReply(error);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
