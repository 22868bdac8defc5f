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
 * One entry of the built-in case corpus that the webhook, device and end-to-end suites iterate. The root validates a single entry; `#/$defs/corpus` validates an array of entries. `data` is any JSON value (or `dataJson`, the same as raw JSON text, when JSON.parse would lose digits); absent = the device sends no data (which is not the same as `data: null`, a preview-dialect value); `dialects` lists where the entry applies, `skip` gives a per-dialect reason for known-inapplicable cases (kept in results as `skipped`). `reprovision` makes the allocation request carry `currentIotHubHostName` / `currentDeviceId`. Unique ids across the corpus are checked by the harness. Unknown members are rejected to catch typos.
 */
export interface CorpusEntry {
  id: CaseId;
  title: string;
  /**
   * @minItems 1
   */
  dialects: [Dialect, ...Dialect[]];
  data?: unknown;
  /**
   * The device data as raw JSON text, for values JSON.parse cannot hold exactly (integers beyond 2^53, exponent forms): the harness sends this text verbatim and compares raw text. Use instead of `data`, never with it.
   */
  dataJson?: string;
  enrollment: EnrollmentKind;
  attestation: AttestationKind;
  reprovision?: {
    currentIotHubHostName: HostName;
    currentDeviceId: string;
  };
  linkedHubs: LinkedHubs;
  tags?: string[];
  /**
   * Top-level members of the device data whose values are only examples: any value of the same meaning keeps the case's point (an IoT Plug and Play `modelId`, a `deviceType` beside an enrollment case's attestation). A `--profile` payload member of the same name replaces the case's value (the profile defines the policy's devices); a profile member that would replace any other member the case sends makes the case not applicable under that profile (docs/webhook-profiles.md). Each name must be a member of the case's object data.
   */
  exampleMembers?: string[];
  /**
   * Members DPS may add in future versions, merged into the allocation request to prove the webhook ignores what it does not know: `topLevel` into the request, `deviceRuntimeContext` into the runtime context, `enrollment` into the enrollment record.
   */
  requestExtras?: {
    topLevel?: {
      [k: string]: unknown;
    };
    deviceRuntimeContext?: {
      [k: string]: unknown;
    };
    enrollment?: {
      [k: string]: unknown;
    };
  };
  skip?: {
    ga?: string;
    preview?: string;
  };
}
