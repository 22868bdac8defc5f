/**
 * SHOULD limit for the 95th percentile of a webhook's answer times, in the webhook suite
 * (`webhook.latency.p95`) and under load (`load.latency.p95`). Our choice: DPS publishes no webhook
 * timeout (docs/protocol/webhook.md#what-the-device-sees).
 */
export const LATENCY_P95_LIMIT_MS = 1000;
