/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * DPS ID scope. The format `0ne` + 8 hex digits is observed only (e.g. `0ne00111111`, `0neFEEDC0DE`), not formally documented (docs/protocol/identifiers.md); kept as the pattern because every known scope matches it.
 */
export type IDScope = string;
/**
 * DPS registration ID. Sources disagree (docs/protocol/identifiers.md): the concept doc allows alphanumerics plus `-` `.` `_` `:`, last character alphanumeric or `-`, up to 128 characters, case-insensitive; the swagger text says no special character at start or end; the PUT path-parameter text says lowercase alphanumerics and hyphens. This pattern is the reconciling suggestion of docs/protocol/identifiers.md (first character alphanumeric, last alphanumeric or `-`). Case-insensitive comparison and an optional strict-lowercase mode are the harness's job, not the schema's.
 */
export type RegistrationID = string;
/**
 * Base64 of 16 to 64 bytes (DPS rule for user-supplied keys, docs/protocol/sas.md).
 */
export type SymmetricKey = string;
export type ProvisioningStatus = 'enabled' | 'disabled';
/**
 * A DNS host name without scheme, port or path, such as an IoT hub host name (`<hub>.azure-devices.net`).
 */
export type HostName = string;
/**
 * IoT hub host names the device may be assigned to (docs/protocol/webhook.md); always present and never empty.
 *
 * @minItems 1
 */
export type LinkedHubs = [HostName, ...HostName[]];
/**
 * Wire vocabulary of the custom-data feature (docs/contract/dialects.md): `ga` (api-version 2019-03-31 and later, `payload` objects) or `preview` (2019 preview documentation, `data` / `returnData`).
 */
export type Dialect = 'ga' | 'preview';

/**
 * Configuration for `emulate --config FILE`. Every member is optional; without a file the emulator serves one ID scope with one symmetric-key enrollment group using custom allocation (docs/contract/cli.md). `enrollments`: individual (`registrationId` + `primaryKey`) or group (`groupId` + `primaryKey`; devices sign with the key derived from it), symmetric key only in this version; `provisioningStatus: disabled` makes registrations end `disabled`. `allocation`: `custom` calls `webhookUrl` (a function key in its `?code=` query is a secret and is redacted in reports), `static` always assigns `hub`. `linkedHubs` is what the webhook receives; `retryAfterSeconds` is the Retry-After the emulator answers with (default 2); `dialect` picks the wire vocabulary (default `ga`). How the emulator departs from DPS where a user may want it to (each documented in docs/emulator-behaviour.md): `requireKeyName` refuses SAS tokens without `skn`, `acceptMqtt31` accepts MQTT 3.1, `persistentMqttSessions` keeps sessions when CleanSession is 0, `pollRateLimit` answers polls beyond a per-device rate with 429, `reRegistration: initial` answers every registration as a first one, `maxJsonDepth` sets the deepest JSON it reads (default 64), `serverName` adds a DNS name to the certificate and prints it, `amqpMaxMessageSize: false` leaves max-message-size out of AMQP ATTACH frames, `strictPayload` refuses a payload sent as a JSON string (which DPS accepts), `stringPayloadToWebhook` and `nonJsonStringPayload` choose the UNCONFIRMED handling of string payloads, `asciiAnswers` escapes non-ASCII in answers; `scenarios` takes successive registrations of one device through the device suite's server-side cases; `implementations` names the implementation of a device by its registration ID. Command-line options (`--webhook`, `--retry-after`, `--require-skn`, ...) override the file. Unknown members are rejected to catch typos.
 */
export interface EmulatorConfiguration {
  idScope?: IDScope;
  /**
   * @minItems 1
   */
  enrollments?: [
    IndividualEnrollmentSymmetricKey | EnrollmentGroupSymmetricKey,
    ...(IndividualEnrollmentSymmetricKey | EnrollmentGroupSymmetricKey)[]
  ];
  allocation?: CustomAllocationWebhook | StaticAllocation;
  linkedHubs?: LinkedHubs;
  retryAfterSeconds?: number;
  dialect?: Dialect;
  /**
   * Refuse a SAS token without `skn` (CONNACK 5 / 401). DPS accepts such tokens (the Embedded C and Python SDKs send none), so the default is false.
   */
  requireKeyName?: boolean;
  /**
   * Accept MQTT 3.1 (protocol level 3). DPS documents MQTT 3.1.1 only, so by default a level-3 CONNECT is answered CONNACK 1.
   */
  acceptMqtt31?: boolean;
  /**
   * Keep an MQTT session when CleanSession is 0, as a general broker would. DPS treats every session as clean, so by default a reconnecting device gets sessionPresent 0, no old subscriptions and no stale answers.
   */
  persistentMqttSessions?: boolean;
  /**
   * Answer operation-status polls beyond a per-device rate with 429 (429001) and a Retry-After, as DPS does beyond its documented 5 polls per 10 s. `true` = that rate; an object sets another. Off by default (the emulator's Retry-After may be 0).
   */
  pollRateLimit?:
    | boolean
    | {
        polls: number;
        windowSeconds: number;
      };
  /**
   * `dps` (default): a repeated registration is a re-provisioning (fresh `createdDateTimeUtc`, substatus `deviceDataMigrated`); `initial`: every registration to the same hub reads as the first (`initialAssignment`, the first `createdDateTimeUtc`).
   */
  reRegistration?: 'dps' | 'initial';
  /**
   * The deepest JSON the emulator reads from a device's register body or a webhook's answer, counted in nested objects and arrays (`{}` is 1). Deeper is refused as a body that is not JSON (HTTP 400, 400004) or as an answer that cannot be read (400207). DPS documents no limit (UNCONFIRMED); the default, 64, is where .NET's JSON readers stop.
   */
  maxJsonDepth?: number;
  /**
   * Refuse a ga `payload` that is not a JSON object (400012), as the documented contract says. DPS accepts a JSON string holding a JSON object (the Java SDK sends one) and hands the device an object back, so the default is false: such a payload is parsed, and the device suite reports it as the SHOULD `device.data.object`.
   */
  strictPayload?: boolean;
  /**
   * What the webhook receives as `deviceRuntimeContext.payload` when the device sent its payload as a JSON string holding an object: `parsed` (default: the object; inferred from the device getting an object back, not observed) or `as-sent` (the string).
   */
  stringPayloadToWebhook?: 'parsed' | 'as-sent';
  /**
   * A ga `payload` that is a string whose content is not JSON (UNCONFIRMED what DPS does): `refuse` (default, 400012) or `accept` (the string is passed on to the webhook as it is).
   */
  nonJsonStringPayload?: 'refuse' | 'accept';
  /**
   * Write every non-ASCII character of the emulator's answers as a `\uXXXX` escape. UNCONFIRMED which DPS does: by default answers carry raw UTF-8, as JSON in UTF-8 allows (docs/emulator-behaviour.md); verdicts that depend on it say so.
   */
  asciiAnswers?: boolean;
  serverName?: HostName;
  /**
   * Take successive registrations of each device through the device suite's server-side cases (Retry-After, 429, failed allocation, fragmented answers, then a plain one), so a physical device meets the cases an adapter gets. Default false.
   */
  scenarios?: boolean;
  /**
   * Advertise `max-message-size` in the emulator's AMQP ATTACH frames, as Azure's AMQP services do (UNCONFIRMED for DPS). `false` leaves it out, as AMQP allows; the Azure IoT C SDK logs an error for that and some of its builds abort. Default true.
   */
  amqpMaxMessageSize?: boolean;
  /**
   * The implementation each device is reported as, by registration ID (compared without case): `NAME` or `NAME/VERSION`. Wins over `--implementation` and over what the device says it is (HTTPS User-Agent, MQTT ClientVersion, AMQP client-version).
   */
  implementations?: {
    [k: string]: string;
  };
}
export interface IndividualEnrollmentSymmetricKey {
  registrationId: RegistrationID;
  /**
   * Device ID to assign; defaults to the registration ID.
   */
  deviceId?: string;
  primaryKey: SymmetricKey;
  secondaryKey?: SymmetricKey;
  provisioningStatus?: ProvisioningStatus;
}
export interface EnrollmentGroupSymmetricKey {
  groupId: string;
  primaryKey: SymmetricKey;
  secondaryKey?: SymmetricKey;
  provisioningStatus?: ProvisioningStatus;
}
export interface CustomAllocationWebhook {
  type: 'custom';
  webhookUrl: string;
  /**
   * Webhook call timeout; DPS's own value is undocumented (docs/protocol/webhook.md), so this is non-normative.
   */
  timeoutMs?: number;
}
export interface StaticAllocation {
  type: 'static';
  hub: HostName;
}
