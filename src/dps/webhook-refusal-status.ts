/**
 * Whether a webhook's HTTP status is a clean refusal as DPS reads it (docs/protocol/webhook.md): a 4xx
 * other than 401 (DPS reports 400209, unauthorized) and 429 (DPS retries it, like a 5xx). DPS fails
 * the registration at once with 400207 and the device is told: the webhook's policy said no.
 */
export function isRefusalStatus(status: number): boolean {
  return status >= 400 && status < 429 && status !== 401;
}
