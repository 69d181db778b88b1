import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracyScore } from './accuracy-score.js';
import { confusionMatrix } from './confusion-matrix.js';
import type { Label } from './labels.js';

interface GoldenCase {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  labels: Label[] | null;
  matrix: number[][];
  accuracy: number;
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../fixtures/golden/metrics.json', import.meta.url), 'utf8'),
) as { confusion: GoldenCase[] };

describe('confusionMatrix and accuracyScore against scikit-learn', () => {
  it.each(golden.confusion.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(confusionMatrix(c.yTrue, c.yPred, c.labels === null ? {} : { labels: c.labels })).toEqual(c.matrix);
    expect(accuracyScore(c.yTrue, c.yPred)).toBe(c.accuracy);
  });

  it('is [[tn, fp], [fn, tp]] for 0/1 labels, also from typed arrays', () => {
    expect(confusionMatrix(Int32Array.from([0, 1, 0, 1]), Int32Array.from([1, 1, 1, 0]))).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });

  it('returns zeros for an empty sample with labels, and rejects labels absent from yTrue', () => {
    expect(confusionMatrix([], [], { labels: [0, 1] })).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [5] })).toThrow(/at least one label specified must be in yTrue/);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: ['0'] })).toThrow(/labels are strings/);
  });
});
