/**
 * Host names are DNS names, which compare without regard to case (docs/protocol/webhook.md#response):
 * the webhook suite, the emulator and load all judge a webhook's hub with these two functions.
 */

/** Whether two host names name the same host. */
export function sameHostName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether `hub` is one of `linkedHubs`. */
export function isLinkedHub(hub: string, linkedHubs: readonly string[]): boolean {
  return linkedHubs.some((linked) => sameHostName(linked, hub));
}
