import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures.js';
import { GOLDEN } from '../test-helpers/golden.js';
import { loadCats } from './load-cats.js';
import { readCatFile } from './read-cat-file.js';

describe('readCatFile (h5wasm) against h5py', () => {
  for (const split of ['train', 'test'] as const) {
    it(`reads ${split}_catvnoncat.h5 as h5py does`, async () => {
      const g = GOLDEN[`cats_${split}`];
      const file = await readCatFile(split === 'train' ? FIXTURES.catsTrain.path : FIXTURES.catsTest.path, { split });
      expect(file.shape).toEqual(g.shape);
      expect(Array.from(file.y)).toEqual(g.labels);
      expect(Array.from(file.pixels.subarray(0, 12))).toEqual(g.rawFirst12);
      expect(file.pixels.reduce((a, b) => a + b, 0)).toBe(g.rawSum);
      expect(file.classes).toEqual(g.classes);
    });
  }
});

describe('loadCats', () => {
  it('keeps 64×64×3, scales by /255 to [0, 1], labels 137/72 and 17/33, classes from list_classes', async () => {
    const cats = await loadCats({ dir: FIXTURES.catsDir });
    const g = GOLDEN.cats_train;
    expect(cats.train.shape).toEqual([209, 64, 64, 3]);
    expect(cats.test.shape).toEqual([50, 64, 64, 3]);
    expect(cats.classes).toEqual(['non-cat', 'cat']);
    expect(cats.train.y.reduce((a, b) => a + b, 0)).toBe(g.labelCounts['1']);
    expect(cats.test.y.reduce((a, b) => a + b, 0)).toBe(GOLDEN.cats_test.labelCounts['1']);
    const at = 5 * 12_288 + g.flat_5_at;
    expect(Array.from(cats.train.x.subarray(at, at + 3))).toEqual(g.scaled_5_10_20);
    let sum = 0;
    let max = 0;
    for (const v of cats.train.x) {
      sum += v;
      max = Math.max(max, v);
    }
    expect(sum / cats.train.x.length).toBeCloseTo(g.scaledMean, 9);
    expect(max).toBeLessThanOrEqual(1);
  });

  it('flattens to 12,288 features without reordering pixels', async () => {
    const [kept, flat] = await Promise.all([loadCats({ dir: FIXTURES.catsDir }), loadCats({ dir: FIXTURES.catsDir, flatten: true })]);
    expect(flat.train.shape).toEqual([209, 12_288]);
    expect(flat.test.shape).toEqual([50, 12_288]);
    // Same bytes (a deep toEqual over 2.5 M floats would take half a minute).
    expect(Buffer.from(flat.train.x.buffer).equals(Buffer.from(kept.train.x.buffer))).toBe(true);
  });

  it('scale 1 keeps the stored 0–255 values', async () => {
    const raw = await loadCats({ dir: FIXTURES.catsDir, scale: 1 });
    expect(Array.from(raw.train.x.subarray(0, 12))).toEqual(GOLDEN.cats_train.rawFirst12);
  });
});
