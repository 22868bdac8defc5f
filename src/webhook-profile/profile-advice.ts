/**
 * What to do when a webhook's policy refuses every device the harness sends, for messages: make the
 * devices look like the policy's. The webhook suite (`webhook.allocation.accepts`) and load
 * (`load.errors`) both say it; see docs/webhook-profiles.md.
 */
export const PROFILE_ADVICE =
  'give --profile FILE (registration ID template, linked hubs, enrollment group ID, payload members the policy needs)';

/**
 * Said first when every request of the preview dialect was refused: that dialect's webhook request
 * (`deviceRuntimeContext.data`) is the harness's model of the 2019 preview, not a shape DPS documents,
 * so a webhook written for the GA request refuses it and no profile can help (docs/contract/dialects.md).
 */
export const PREVIEW_DIALECT_ADVICE =
  "the preview dialect's webhook request (deviceRuntimeContext.data) is the harness's model of the 2019 preview, not a documented DPS shape: " +
  'a webhook written for the GA request (deviceRuntimeContext.payload) refuses it; test such a webhook with --dialect ga (the default)';
