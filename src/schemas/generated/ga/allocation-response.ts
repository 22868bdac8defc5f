/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * A DNS host name without scheme, port or path, such as an IoT hub host name (`<hub>.azure-devices.net`).
 */
export type HostName = string;

/**
 * Custom allocation webhook -> DPS body of a 200 answer (`AllocationResponse`, docs/contract/dialects.md, docs/protocol/webhook.md). `iotHubHostName` is required and must be a non-empty host name (empty or null makes DPS fail the registration with 400208); that it is one of the request's `linkedHubs` is checked by the harness, not this schema. `initialTwin` is optional; null is accepted and means absent (DPS then falls back to the enrollment's initial twin). `payload` is an optional JSON object that DPS returns to the device as `registrationState.payload` (a non-object payload is not delivered, azure-docs#51275); `null` is accepted and means no payload (our choice, e.g. .NET serialisers emit null members). Unknown members are allowed (our choice): DPS ignores them, e.g. a `deviceId`, which is not part of AllocationResponse and is [UNCONFIRMED / probably ignored]; the suites may report such members as a SHOULD-level note. The 96 KB message limit is enforced by the harness, not this schema.
 */
export interface AllocationResponseGa {
  iotHubHostName: HostName;
  initialTwin?: InitialTwin | null;
  /**
   * Data for the device: a JSON object; null = none.
   */
  payload?: {
    [k: string]: unknown;
  } | null;
  [k: string]: unknown;
}
/**
 * Service `InitialTwin`: `{tags?, properties?: {desired?}}` (docs/protocol/webhook.md). Unknown members are rejected here (our choice): the service model has no others and a misplaced `desired` at the top level is a common mistake that DPS would silently ignore.
 */
export interface InitialTwin {
  tags?: JSONObject;
  properties?: {
    desired?: JSONObject;
  };
}
/**
 * Any JSON object (free-form application data, twin collections).
 */
export interface JSONObject {
  [k: string]: unknown;
}
