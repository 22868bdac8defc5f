/**
 * Every request-level error and allocation failure the emulator produces, in one place.
 * DPS errorCodes are 6-digit "extended" codes = HTTP status x 1000 + sub-code (docs/protocol/https.md). No official
 * table exists; codes marked CONFIRMED come from docs/protocol/https.md, docs/protocol/webhook.md, the others are our choice and marked
 * UNCONFIRMED so a device test never insists on them (devices should key on the HTTP status).
 */
export interface CatalogueEntry {
  /** HTTP status (HTTPS status line, MQTT `res/<status>`) */
  status: number;
  errorCode: number;
  message: string;
}

export const ErrorCatalogue = {
  /** UNCONFIRMED: the service rejects a missing api-version with 400; sub-code chosen. */
  missingApiVersion: { status: 400, errorCode: 400001, message: 'The api-version query parameter is required.' },
  /** UNCONFIRMED: bytes that are not HTTP/1.1 at all. */
  malformedRequest: { status: 400, errorCode: 400000, message: 'The request is not valid HTTP.' },
  /** UNCONFIRMED: "400004-ish" per the team brief; JSON that does not parse. */
  malformedBody: { status: 400, errorCode: 400004, message: 'The request body is not valid JSON.' },
  /**
   * CONFIRMED code 400012 for a body member DPS cannot deserialise (azure-docs#66740: top-level
   * `modelId`; azure-docs#81864: `payload` as a string). Message wording is ours.
   */
  invalidBody: { status: 400, errorCode: 400012, message: 'The request body is not a valid DeviceRegistration.' },
  /** UNCONFIRMED: body registrationId differs from the one in the path / MQTT connection. */
  registrationIdMismatch: { status: 400, errorCode: 400013, message: 'The registrationId in the body does not match the request.' },
  /**
   * UNCONFIRMED: DPS caps messages at 96 KB (docs/protocol/limits.md) but the status it answers is not documented;
   * 413 Payload Too Large is the HTTP meaning, so that is what we send.
   */
  bodyTooLarge: { status: 413, errorCode: 413001, message: 'The request body exceeds the 96 KB message limit.' },
  /** CONFIRMED code 401002 (docs/protocol/https.md); also used for unknown enrollments, as DPS does not reveal them. */
  unauthorized: { status: 401, errorCode: 401002, message: 'Unauthorized' },
  /** UNCONFIRMED sub-code: a path that is not part of the device API. */
  notFound: { status: 404, errorCode: 404001, message: 'The requested resource does not exist.' },
  /** UNCONFIRMED sub-code: the ID scope is not served by this emulator. */
  unknownIdScope: { status: 404, errorCode: 404002, message: 'The ID scope is not known.' },
  /** 404xxx CONFIRMED as the class (azure-iot-sdk-csharp PR #592), sub-code chosen. */
  invalidRegistrationId: { status: 404, errorCode: 404003, message: 'The registration ID is not valid.' },
  /** UNCONFIRMED sub-code: polling an operation id this registration never got. */
  unknownOperation: { status: 404, errorCode: 404004, message: 'The operation does not exist.' },
  /** UNCONFIRMED sub-code: status lookup of a registration that never registered. */
  unknownRegistration: { status: 404, errorCode: 404005, message: 'The registration does not exist.' },
  /** UNCONFIRMED sub-code: known path, wrong method (docs/protocol/https.md: 405 "method not recognised"). */
  methodNotAllowed: { status: 405, errorCode: 405001, message: 'The method is not allowed on this resource.' },
  /** UNCONFIRMED sub-code: a body that is not application/json. */
  unsupportedMediaType: { status: 415, errorCode: 415001, message: 'The content type is not supported; use application/json.' },
  /** CONFIRMED (docs/protocol/https.md, freertos fixture). */
  throttled: { status: 429, errorCode: 429001, message: 'Operations are being throttled for this tenant.' },
  /** UNCONFIRMED: no concrete 500xxx sub-code was found (docs/protocol/https.md). */
  internalError: { status: 500, errorCode: 500001, message: 'Internal server error.' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCatalogueKey = keyof typeof ErrorCatalogue;

/**
 * Allocation failures: not request errors but `failed` registration states inside a 200 poll answer
 * (docs/protocol/https.md, docs/protocol/webhook.md).
 */
export const AllocationFailure = {
  /** CONFIRMED: webhook answered a status other than 200/401/>=429. */
  customAllocationFailed: 400207,
  /** CONFIRMED: webhook 200 with an empty or null iotHubHostName. */
  hubNotSpecified: 400208,
  /** CONFIRMED: webhook 401. */
  unauthorizedWebhook: 400209,
} as const;

/** The device-visible message DPS uses for 400207 (docs/protocol/https.md, azure-docs#48511). */
export function customAllocationFailedMessage(status: number): string {
  return `Custom allocation failed with status code: ${status}`;
}

/**
 * UNCONFIRMED choices for webhook behaviour no source describes (docs/protocol/README.md#open-questions, question 1): all are
 * 400207 with a descriptive message. `WebhookAllocatorOptions.failureCodes` can override each.
 */
export const WebhookFailureDefaults = {
  timeout: { errorCode: 400207, message: (ms: string) => `Custom allocation failed: the webhook did not answer within ${ms} ms` },
  unreachable: { errorCode: 400207, message: (why: string) => `Custom allocation failed: the webhook could not be reached (${why})` },
  notJson: { errorCode: 400207, message: () => 'Custom allocation failed: the webhook response is not a JSON object' },
  // DPS's own depth limit is UNCONFIRMED: the emulator reads no deeper than its limit (docs/protocol/limits.md)
  tooDeep: { errorCode: 400207, message: (depth: string) => `Custom allocation failed: the webhook response is nested ${depth}` },
  hubNotLinked: { errorCode: 400207, message: (hub: string) => `Custom allocation failed: IoT hub ${hub} is not linked` },
  retriesExhausted: { errorCode: 400207, message: (status: string) => `Custom allocation failed with status code: ${status}` },
  hubNotSpecified: { errorCode: 400208, message: () => 'CustomAllocationIotHubNotSpecified: the webhook did not return an IoT hub' },
  unauthorized: { errorCode: 400209, message: () => 'CustomAllocationUnauthorizedAccess: the webhook answered 401' },
} as const satisfies Record<string, { errorCode: number; message: (detail: string) => string }>;
