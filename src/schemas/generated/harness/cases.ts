/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Identifier of a corpus entry or user case; stable across runs, used in results, waivers and report diffs.
 */
export type CaseId = string;
/**
 * Wire vocabulary of the custom-data feature (docs/contract/dialects.md): `ga` (api-version 2019-03-31 and later, `payload` objects) or `preview` (2019 preview documentation, `data` / `returnData`).
 */
export type Dialect = 'ga' | 'preview';
/**
 * `individual` (DPS sends `individualEnrollment` to the webhook) or `group` (DPS sends `enrollmentGroup`).
 */
export type EnrollmentKind = 'individual' | 'group';
/**
 * Attestation mechanism of a device or enrollment, spelled as DPS spells `attestation.type`.
 */
export type AttestationKind = 'symmetricKey' | 'x509' | 'tpm';
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
 * The registration ID the device uses (default: the profile's template, else `dpsc-<id>`).
 */
export type RegistrationID = string;

/**
 * Cases for `webhook --cases FILE`: each case becomes one allocation request to the webhook under test. Omitted fields take the command's defaults: `dialect` from `--dialect` (default `ga`), `enrollment` `group`, `attestation` `symmetricKey`, `linkedHubs` the harness's default hubs. `payload` (any JSON value: the device's data, named as in the GA API and in profiles) absent = the device sent no data; when present it is sent as the dialect's data member (ga `payload`, preview `data`; ga: must be a JSON object to make a valid request; the harness checks the built request against the dialect's allocation-request schema). `data`, the name older case files used, is read as `payload` with a warning. `expect` states what the webhook must answer: `iotHubHostName` exactly; `returnData` deep-equal (ga: the response `payload`; preview: the response `returnData` string); `returnDataSchema` a JSON Schema the returned data must satisfy; `initialTwin` deep-equal; `refused: true` that the webhook refuses the request with a clean 4xx. `registrationId` and `enrollmentGroupId` set the device's identity (default: the `--profile`'s, else the harness's). Unique case ids and a valid `returnDataSchema` are checked by the harness (JSON Schema cannot say either). Unknown members are rejected to catch typos.
 */
export interface UserCaseFile {
  version: 1;
  /**
   * @minItems 1
   */
  cases: [UserCase, ...UserCase[]];
}
export interface UserCase {
  id: CaseId;
  description?: string;
  dialect?: Dialect;
  enrollment?: EnrollmentKind;
  attestation?: AttestationKind;
  linkedHubs?: LinkedHubs;
  registrationId?: RegistrationID;
  /**
   * The enrollment group ID of a group enrollment (default: the profile's, else `dpsc-group`).
   */
  enrollmentGroupId?: string;
  /**
   * The device's data, as the device sends it (ga `payload`, preview `data`); any JSON value; absent = none. `data` is read as this, with a warning.
   */
  payload?:
    | {
        [k: string]: unknown;
      }
    | unknown[]
    | string
    | number
    | boolean
    | null;
  expect: ExpectedWebhookAnswer;
}
export interface ExpectedWebhookAnswer {
  iotHubHostName?: HostName;
  returnData?: unknown;
  /**
   * A JSON Schema (2020-12) the returned data must satisfy.
   */
  returnDataSchema?: {
    [k: string]: unknown;
  };
  initialTwin?: InitialTwin;
  /**
   * true: the webhook must refuse this request with a clean 4xx (not 401, not 429), as a policy says no; DPS then fails the registration (400207). false: it must accept it (HTTP 200). `refused: true` cannot be combined with expectations of the answer's content.
   */
  refused?: boolean;
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
