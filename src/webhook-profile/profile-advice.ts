/**
 * What to do when a webhook's policy refuses every device the harness sends, for messages: make the
 * devices look like the policy's. The webhook suite (`webhook.allocation.accepts`) and load
 * (`load.errors`) both say it; see docs/webhook-profiles.md.
 */
export const PROFILE_ADVICE =
  'give --profile FILE (registration ID template, linked hubs, enrollment group ID, payload members the policy needs)';
