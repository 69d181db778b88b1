import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * The random stream of layer `layerIndex` for a model seeded with `seed`: xoroshiro128+ seeded
 * with `seed`, jumped `layerIndex + 1` times (each jump skips 2^64 draws), so layers never
 * share draws and the same (seed, index) always gives the same stream.
 */
export function layerStream(seed: number, layerIndex: number): JumpableRandomGenerator {
  const rng = xoroshiro128plus(seed);
  for (let i = 0; i <= layerIndex; i++) rng.jump();
  return rng;
}

/** A 32-bit unsigned seed drawn from a stream, for TF.js initializers (which take one number). */
export function nextSeed(rng: JumpableRandomGenerator): number {
  return rng.next() >>> 0;
}
