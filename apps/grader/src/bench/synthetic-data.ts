import { seededGenerator } from '@fitcheck/core/random';
import type { LabeledArrays } from '@fitcheck/core';

/**
 * Seeded stand-in data of a real dataset's shape: features uniform in [lo, hi), labels 0/1 at
 * random. Speed depends only on shapes, so the bench needs neither the 2.6 GB HIGGS file nor its
 * label balance.
 */
export function syntheticData(n: number, sampleShape: readonly number[], seed: number, lo = -2, hi = 2): LabeledArrays {
  const rng = seededGenerator(seed);
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const uniform = (): number => (rng.next() >>> 0) / 0x1_0000_0000;
  const x = Float32Array.from({ length: n * size }, () => lo + (hi - lo) * uniform());
  const y = Float32Array.from({ length: n }, () => (uniform() < 0.5 ? 0 : 1));
  return { x, y, shape: [n, ...sampleShape] };
}
