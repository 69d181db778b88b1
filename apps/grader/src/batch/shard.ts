import { createHash } from 'node:crypto';

import { FlagError } from '../cli/flag-error.js';
import { text as sentence } from '../messages/text.js';

/** One shard of N: `index` is 1-based, as in `--shard 2/4` and a CI matrix `1..N`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` with 1 ≤ I ≤ N. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new FlagError('INVALID_SHARD', sentence('cli.usageNotShard', { value: text }), sentence('cli.usageShardFix'));
  }
  return { index, count };
}

/**
 * Whether a submission folder belongs to a shard: `uint32(SHA-256(folder)[0..4]) mod N = I − 1`.
 * It depends on the folder name alone, so a submission stays in its shard when others are added.
 */
export function inShard(folder: string, shard: Shard): boolean {
  return createHash('sha256').update(folder, 'utf8').digest().readUInt32BE(0) % shard.count === shard.index - 1;
}
