// Seeded randomness shared by the data pipeline and training; TF.js-free, so datasets can import it alone.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A pure-rand generator from an integer seed (xoroshiro128+, as everywhere in fitcheck). */
export function seededGenerator(seed: number): JumpableRandomGenerator {
  return xoroshiro128plus(seed | 0);
}

/** Fisher–Yates shuffle of `0..n-1`, drawing from `rng` (so the same seed gives the same order). */
export function seededPermutation(n: number, rng: RandomGenerator): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
