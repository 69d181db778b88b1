import { describe, expect, it } from 'vitest';
import { FitcheckError } from '@fitcheck/core/errors';
import { FIXTURES } from '../fixtures.js';
import { loadCats } from '../cats/load-cats.js';
import type { LabeledArrays } from '../types.js';
import { validationSplit } from './validation-split.js';

function numbered(n: number, width: number): LabeledArrays {
  return { x: Float32Array.from({ length: n * width }, (_, i) => Math.floor(i / width)), y: Float32Array.from({ length: n }, (_, i) => i % 2), shape: [n, width] };
}

describe('validationSplit', () => {
  it('holds out ceil(0.2 · 209) = 42 cat images, the same ones for the same seed', async () => {
    const { train } = await loadCats({ dir: FIXTURES.catsDir, flatten: true });
    const a = validationSplit(train, { fraction: 0.2, seed: 7 });
    const b = validationSplit(train, { fraction: 0.2, seed: 7 });
    expect(a.validation.shape).toEqual([42, 12_288]);
    expect(a.train.shape).toEqual([167, 12_288]);
    expect(a.indices).toEqual(b.indices);
    expect(Buffer.from(a.validation.x.buffer).equals(Buffer.from(b.validation.x.buffer))).toBe(true);
    // Disjoint, complete, and the rows are the source's rows.
    expect([...a.indices.train, ...a.indices.validation].sort((p, q) => p - q)).toEqual(Array.from({ length: 209 }, (_, i) => i));
    const v0 = a.indices.validation[0]!;
    expect(a.validation.x.subarray(0, 12_288)).toEqual(train.x.subarray(v0 * 12_288, (v0 + 1) * 12_288));
    expect(a.validation.y[0]).toBe(train.y[v0]);
    const labels = a.validation.y.reduce((s, v) => s + v, 0) + a.train.y.reduce((s, v) => s + v, 0);
    expect(labels).toBe(72);
  });

  it('gives a different split for another seed', () => {
    const data = numbered(100, 3);
    const a = validationSplit(data, { fraction: 0.3, seed: 1 });
    const b = validationSplit(data, { fraction: 0.3, seed: 2 });
    expect(a.indices.validation).toHaveLength(30);
    expect(a.indices.validation).not.toEqual(b.indices.validation);
    expect(Array.from(a.validation.x.filter((_, i) => i % 3 === 0))).toEqual(a.indices.validation);
  });

  it('rejects a fraction that leaves no training data', () => {
    expect(() => validationSplit(numbered(3, 1), { fraction: 0.9, seed: 0 })).toThrow(FitcheckError);
    expect(() => validationSplit(numbered(3, 1), { fraction: 0, seed: 0 })).toThrow(/fraction/);
  });
});
