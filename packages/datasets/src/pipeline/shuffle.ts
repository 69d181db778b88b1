import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { seededGenerator } from '@fitcheck/core/random';

/**
 * tf.data's `shuffle(bufferSize, seed, reshuffle_each_iteration)`: keep a buffer of
 * `bufferSize` elements, emit a uniformly chosen one and refill its slot from upstream.
 * `bufferSize ≥ dataset size` gives a uniform permutation. Iteration k draws from the seeded
 * generator jumped k times (2^64 steps each), so every epoch has its own order and a fresh
 * pipeline with the same seed replays the same sequence of orders.
 */
export function shuffleOp<T>(
  upstream: () => AsyncIterable<T>,
  bufferSize: number,
  seed: number,
  reshuffleEachIteration: boolean,
): () => AsyncIterable<T> {
  const base = seededGenerator(seed);
  return () => {
    const rng = base.clone();
    if (reshuffleEachIteration) base.jump();
    return shuffled(upstream(), bufferSize, rng);
  };
}

async function* shuffled<T>(source: AsyncIterable<T>, bufferSize: number, rng: RandomGenerator): AsyncGenerator<T> {
  const buffer: T[] = [];
  for await (const item of source) {
    if (buffer.length < bufferSize) {
      buffer.push(item);
      continue;
    }
    const i = uniformInt(rng, 0, buffer.length - 1);
    const out = buffer[i]!;
    buffer[i] = item;
    yield out;
  }
  while (buffer.length > 0) {
    const i = uniformInt(rng, 0, buffer.length - 1);
    const out = buffer[i]!;
    buffer[i] = buffer[buffer.length - 1]!;
    buffer.pop();
    yield out;
  }
}
