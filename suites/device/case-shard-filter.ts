import type { Shard } from '../corpus/shard-cases.js';

/** FNV-1a of a string: the same on every machine, so shards split cases the same way everywhere. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The device cases of one shard, by a hash of the case id: every case lands in exactly one shard,
 * whatever the transports and dialects each machine's implementation claims.
 */
export function caseShardFilter(shard: Shard): (caseId: string) => boolean {
  return (caseId) => fnv1a(caseId) % shard.count === shard.index - 1;
}
