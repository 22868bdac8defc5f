/** Limits and identifier rules the emulator enforces, with their sources (docs/protocol/limits.md). */

/** DPS maximum message size, 96 KB (docs/protocol/limits.md, includes/iot-dps-limits.md). */
export const MAX_MESSAGE_BYTES = 98_304;

/**
 * Registration ID rule reconciling the concept doc and the swagger (docs/protocol/identifiers.md): 1-128 characters,
 * alphanumerics plus `-` `.` `_` `:`, first alphanumeric, last alphanumeric or `-`.
 */
export const REGISTRATION_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,126}[A-Za-z0-9-])?$/;

/** Observed ID scope format (`0ne` + 8 hex digits, docs/protocol/identifiers.md); only used to generate scopes. */
export const ID_SCOPE_PATTERN = /^0ne[0-9A-Fa-f]{8}$/;

/** Whether a registration ID is acceptable to DPS; comparison elsewhere is case-insensitive. */
export function isValidRegistrationId(value: string): boolean {
  return REGISTRATION_ID_PATTERN.test(value);
}
