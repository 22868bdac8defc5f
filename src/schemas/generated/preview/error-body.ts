/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * DPS 6-digit error code = HTTP status x 1000 + sub-code (e.g. 400207, 401002, 429001; docs/protocol/https.md). No official table exists.
 */
export type ExtendedErrorCode = number;
/**
 * RFC 3339 date-time. DPS writes 7 fractional digits and `Z`, e.g. `2020-04-10T05:24:22.4718526Z` (docs/protocol/https.md).
 */
export type DateTime = string;

/**
 * DPS request-level error body (`ProvisioningServiceErrorDetails`) sent with an HTTP status >= 300 (plus the `x-ms-error-code` header on HTTPS) or on MQTT `res/<status>`: `{errorCode, trackingId, message, info?, timestampUtc}`. Identical in both dialects. `trackingId` may be empty (429001 throttling). Allocation failures are not error bodies: they are `failed` registration states inside a 200 answer.
 */
export interface ErrorBodyPreview {
  errorCode: ExtendedErrorCode;
  trackingId?: string;
  message: string;
  info?: {
    [k: string]: string;
  };
  timestampUtc?: DateTime;
  [k: string]: unknown;
}
