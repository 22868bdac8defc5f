/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Adapter -> harness answer to `register` (docs/contract/adapter-protocol.md): exactly one of `result` (the registration completed and this is what the implementation returned to the application), `error` (the implementation reported an error) or `skipped` (the adapter cannot do this, with a reason). A reply carrying more than one of them matches several branches and is off-schema. Unknown members allowed.
 */
export type AdapterRegisterReply = RegisterReplyResult | RegisterReplyError | RegisterReplySkipped;
/**
 * Request sequence number; the reply echoes it.
 */
export type SequenceNumber = number;
/**
 * `status` as the implementation reports it (e.g. `assigned`, or `failed` with `errorCode` and `errorMessage`); `assigned` requires `assignedHub` and `deviceId` (every SDK surfaces them, they are needed to connect); `substatus` is optional because several SDKs do not surface it. `returnData` is the value the implementation surfaced to the application, any JSON (a parsed object, or the raw JSON text for SDKs that return text); absent when it surfaced none.
 */
export type RegistrationResultAsSurfacedByTheImplementation = Result;

export interface RegisterReplyResult {
  seq: SequenceNumber;
  result: RegistrationResultAsSurfacedByTheImplementation;
  [k: string]: unknown;
}
export interface Result {
  status: string;
  assignedHub?: string;
  deviceId?: string;
  substatus?: string;
  errorCode?: number;
  errorMessage?: string;
  returnData?: unknown;
  [k: string]: unknown;
}
export interface RegisterReplyError {
  seq: SequenceNumber;
  error: ErrorReportedByTheImplementation;
  [k: string]: unknown;
}
/**
 * `message` required; `statusCode` (HTTP-like status) and `errorCode` (DPS extended code) when the implementation exposes them.
 */
export interface ErrorReportedByTheImplementation {
  message: string;
  statusCode?: number;
  errorCode?: number;
  [k: string]: unknown;
}
export interface RegisterReplySkipped {
  seq: SequenceNumber;
  skipped: WhyTheAdapterCannotRunThisCase;
  [k: string]: unknown;
}
export interface WhyTheAdapterCannotRunThisCase {
  reason: string;
  [k: string]: unknown;
}
