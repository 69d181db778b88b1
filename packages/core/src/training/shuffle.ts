import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A seeded stream of permutations: one per epoch, like tf.data's `shuffle(n, seed, reshuffle_each_iteration=True)` with a full buffer. */
export function permutations(n: number, seed: number): () => Int32Array {
  const rng: RandomGenerator = xoroshiro128plus(seed);
  const order = new Int32Array(n);
  return () => {
    for (let i = 0; i < n; i++) order[i] = i;
    // Fisher–Yates
    for (let i = n - 1; i > 0; i--) {
      const j = uniformInt(rng, 0, i);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    return order.slice();
  };
}
