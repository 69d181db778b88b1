import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryAccuracy } from './binary-accuracy.js';
import { binaryCrossentropy } from './binary-crossentropy.js';

interface GoldenCase {
  name: string;
  labels: number[];
  logits: number[];
  probabilities: number[];
  fromLogits: number;
  fromProbabilities: number;
  accuracyFromLogits: number;
  accuracyFromProbabilities: number;
  accuracyLogitsAtHalf: number;
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../fixtures/golden/metrics.json', import.meta.url), 'utf8'),
) as { generator: { numpy: string }; bce: GoldenCase[] };

describe(`binaryCrossentropy against numpy ${golden.generator.numpy}`, () => {
  it.each(golden.bce.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(binaryCrossentropy(c.labels, c.logits, { fromLogits: true })).toBeCloseTo(c.fromLogits, 12);
    expect(binaryCrossentropy(c.labels, c.probabilities)).toBeCloseTo(c.fromProbabilities, 12);
  });

  it('is ln 2 for a zero logit and stays finite for huge logits', () => {
    expect(binaryCrossentropy([1], [0], { fromLogits: true })).toBeCloseTo(Math.LN2, 15);
    expect(binaryCrossentropy([0], [800], { fromLogits: true })).toBe(800);
    expect(binaryCrossentropy([1], [-800], { fromLogits: true })).toBe(800);
  });

  it('clips probabilities at ε = 1e-7 as Keras: a confident wrong answer costs −ln(1e-7)', () => {
    expect(binaryCrossentropy([1], [0])).toBeCloseTo(-Math.log(1e-7), 15);
    // 1 − (1 − 1e-7) is 1.00000000058e-7 in float64, exactly what Keras' clip gives
    expect(binaryCrossentropy([0], [1])).toBe(-Math.log(1 - (1 - 1e-7)));
  });

  it('rejects unequal lengths', () => {
    expect(() => binaryCrossentropy([1, 0], [0.5])).toThrow(/2 labels but 1 outputs/);
  });
});

describe('binaryAccuracy against numpy', () => {
  it.each(golden.bce.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(binaryAccuracy(c.labels, c.logits, { fromLogits: true })).toBe(c.accuracyFromLogits);
    expect(binaryAccuracy(c.labels, c.probabilities)).toBe(c.accuracyFromProbabilities);
    // the student's bug reproduced: logits read as probabilities
    expect(binaryAccuracy(c.labels, c.logits)).toBe(c.accuracyLogitsAtHalf);
  });
});
