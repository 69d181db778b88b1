import { seededGenerator, seededPermutation } from '../random/seeded-permutation.js';

/** A seeded stream of permutations: one per epoch, like tf.data's `shuffle(n, seed, reshuffle_each_iteration=True)` with a full buffer. */
export function permutations(n: number, seed: number): () => Int32Array {
  const rng = seededGenerator(seed);
  return () => Int32Array.from(seededPermutation(n, rng));
}
