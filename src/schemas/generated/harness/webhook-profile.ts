/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * IoT hub host names the device may be assigned to (docs/protocol/webhook.md); always present and never empty.
 *
 * @minItems 1
 */
export type LinkedHubs = [HostName, ...HostName[]];
/**
 * A DNS host name without scheme, port or path, such as an IoT hub host name (`<hub>.azure-devices.net`).
 */
export type HostName = string;

/**
 * For `webhook --profile FILE`: how to make the harness's requests look like devices that the webhook's policy accepts, so the corpus can test its handling of data shapes, sizes, enrollments and attestations (docs/webhook-profiles.md). Applies to every corpus case and to every Pact interaction; a user case (`--cases`) takes `registrationId`, `linkedHubs` and `enrollmentGroupId` from here where it does not set its own, never the `payload` members. `registrationId` is a template: `{caseId}` becomes the case id, lowercased, with characters a registration ID cannot hold replaced by `-`. Every case's device data that is a JSON object carries the `payload` members with the profile's values (the policy defines its devices); a case member of the same name takes the profile's value when the corpus marks it as an example (`exampleMembers`), else the case is not applicable under the profile and is skipped with the reason; a case that sends no data, or data that is not an object (preview), is sent as it is. Every member is optional; unknown members are rejected to catch typos.
 */
export interface WebhookProfile {
  version: 1;
  /**
   * Registration ID template, e.g. `{caseId}-contoso-tstrsd-007`. The result must be a valid DPS registration ID (at most 128 characters; the harness checks it for every case).
   */
  registrationId?: string;
  linkedHubs?: LinkedHubs;
  /**
   * The `enrollmentGroupId` of every group enrollment record sent.
   */
  enrollmentGroupId?: string;
  /**
   * Device data members every device of the policy sends, with these values (e.g. a `modelId`).
   */
  payload?: {
    [k: string]: unknown;
  };
}
