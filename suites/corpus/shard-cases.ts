import { usageError } from '../../src/errors/harness-error.js';

/** One shard of a run: `index` is 1-based, as users write it (`--shard 2/4`). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/n` (1 <= i <= n); a mistake is a usage error (exit 2). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw usageError(`--shard takes i/n with 1 <= i <= n (e.g. --shard 2/4), got "${text}"`);
  }
  return { index, count };
}

/**
 * The items of one shard: round-robin over the list order, so every shard gets an even share and the
 * split is the same on every machine that has the same list.
 */
export function shardItems<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...items];
  return items.filter((_item, i) => i % shard.count === shard.index - 1);
}
