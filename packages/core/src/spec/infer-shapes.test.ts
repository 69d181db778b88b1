import { describe, expect, it } from 'vitest';
import { FitcheckError } from '../errors.js';
import { inferShapes } from './infer-shapes.js';
import { kerasLayerNames, snakeCase } from './layer-names.js';
import type { ModelSpec } from './types.js';

const catLarge: ModelSpec = {
  inputShape: [64, 64, 3],
  layers: [
    { type: 'Flatten' },
    ...Array.from({ length: 4 }, () => ({ type: 'Dense' as const, units: 1024, activation: 'relu' as const })),
    { type: 'Dense', units: 1 },
  ],
};

function thrown(f: () => unknown): FitcheckError {
  try {
    f();
  } catch (e) {
    if (e instanceof FitcheckError) return e;
    throw e;
  }
  throw new Error('expected a FitcheckError');
}

describe('inferShapes', () => {
  it('gives Keras names, output shapes and per-layer params (cat Grande: 15,733,761)', () => {
    const m = inferShapes(catLarge);
    expect(m.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['flatten', [null, 12288], 0],
      ['dense', [null, 1024], 12_583_936],
      ['dense_1', [null, 1024], 1_049_600],
      ['dense_2', [null, 1024], 1_049_600],
      ['dense_3', [null, 1024], 1_049_600],
      ['dense_4', [null, 1], 1025],
    ]);
    expect(m.totalParams).toBe(15_733_761);
    expect(m.trainableParams).toBe(15_733_761);
    expect(m.nonTrainableParams).toBe(0);
    expect(m.inputShape).toEqual([null, 64, 64, 3]);
  });

  it('counts forward FLOPs per sample as 2·in·units per Dense', () => {
    // Tiny: 28 → 16 → 1: 2·28·16 + 2·16·1.
    const tiny: ModelSpec = { inputShape: [28], layers: [{ type: 'Dense', units: 16, activation: 'elu' }, { type: 'Dense', units: 1 }] };
    expect(inferShapes(tiny).flopsPerSample).toBe(2 * 28 * 16 + 2 * 16);
    expect(inferShapes(tiny).layers.map((l) => l.params)).toEqual([464, 17]);
  });

  it('applies Dense to the last axis of a 3-D input, as Keras does', () => {
    const m = inferShapes({ inputShape: [5, 3], layers: [{ type: 'Dense', units: 2, useBias: false }] });
    expect(m.layers[0]).toMatchObject({ outputShape: [null, 5, 2], params: 6, flops: 2 * 5 * 3 * 2 });
  });

  it('keeps explicit names, counts only unnamed layers, and rejects duplicates', () => {
    expect(kerasLayerNames([{ type: 'Dense', units: 1, name: 'hidden' }, { type: 'Dense', units: 1 }, { type: 'Dropout', rate: 0.1 }, { type: 'Dropout', rate: 0.1 }]))
      .toEqual(['hidden', 'dense', 'dropout', 'dropout_1']);
    expect(snakeCase('GlobalAveragePooling2D')).toBe('global_average_pooling2d');
    const e = thrown(() => inferShapes({ inputShape: [4], layers: [{ type: 'Dense', units: 1 }, { type: 'Dense', units: 1, name: 'dense' }] }));
    expect(e.code).toBe('DUPLICATE_LAYER_NAME');
    expect(e.place.key).toBe('/layers/1/name');
    expect(e.message).toBe('layers[1] is named "dense", like layers[0]; all layer names in a model should be unique');
  });

  it('reshapes with one inferred -1, flattens 1-D inputs to themselves', () => {
    const m = inferShapes({ inputShape: [12], layers: [{ type: 'Flatten' }, { type: 'Reshape', targetShape: [-1, 4] }, { type: 'Reshape', targetShape: [2, 6] }] });
    expect(m.layers.map((l) => l.outputShape)).toEqual([[null, 12], [null, 3, 4], [null, 2, 6]]);
  });

  it('rejects impossible reshapes with SHAPE_MISMATCH naming the layer index', () => {
    const cases: [number[], RegExp][] = [
      [[5, 3], /cannot reshape 12 values into \[5, 3\]/],
      [[-1, 5], /12 is not a multiple of 5/],
      [[-1, -1], /at most one -1/],
    ];
    for (const [targetShape, message] of cases) {
      const e = thrown(() => inferShapes({ inputShape: [12], layers: [{ type: 'Dense', units: 12 }, { type: 'Reshape', targetShape }] }));
      expect(e.code).toBe('SHAPE_MISMATCH');
      expect(e.message).toMatch(/^layers\[1\] \(Reshape\)/);
      expect(e.message).toMatch(message);
      expect(e.place.key).toBe('/layers/1');
    }
  });

  it('handles 10^12-parameter specs without allocating anything', () => {
    const huge: ModelSpec = { inputShape: [1_000_000], layers: [{ type: 'Dense', units: 1_000_000 }, { type: 'Dense', units: 1 }] };
    const m = inferShapes(huge);
    expect(m.totalParams).toBe(1_000_000 * 1_000_000 + 1_000_000 + 1_000_001);
    expect(m.flopsPerSample).toBe(2e12 + 2e6);
    const tooBig = thrown(() => inferShapes({ inputShape: [1e9], layers: [{ type: 'Dense', units: 1e9 }] }));
    expect(tooBig.code).toBe('MODEL_TOO_LARGE');
  });
});
