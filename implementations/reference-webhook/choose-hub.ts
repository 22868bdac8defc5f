/**
 * The reference webhook's allocation rule: the same registration ID always gets the same hub from the
 * same linked hubs. FNV-1a (32 bit) over the lower-cased registration ID (DPS compares IDs without
 * case), modulo the number of hubs. Exported so an end-to-end test can predict the assignment.
 */
export function chooseHub(registrationId: string, linkedHubs: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(registrationId.toLowerCase(), 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const hub = linkedHubs[hash % linkedHubs.length];
  if (hub === undefined) throw new RangeError('chooseHub needs at least one linked hub');
  return hub;
}
