import type { History } from '@fitcheck/core';
import { describe, expect, it } from 'vitest';
import { diagnoseRun, diagnoseRuns, worstOverfit } from './diagnosis.js';

function run(name: string, train: number[], val: number[], valLoss = val): { name: string; history: History } {
  return {
    name,
    history: {
      epoch: train.map((_, i) => i),
      history: { loss: train, binary_crossentropy: train, accuracy: train, val_loss: valLoss, val_binary_crossentropy: val, val_accuracy: val },
    },
  };
}

// Twelve epochs: long enough for the smoothing (std 0.5, five taps) and the noise estimate.
const LARGE_TRAIN = [0.69, 0.6, 0.52, 0.45, 0.39, 0.33, 0.28, 0.23, 0.19, 0.15, 0.12, 0.1];
const LARGE_VAL = [0.68, 0.64, 0.62, 0.61, 0.615, 0.63, 0.66, 0.7, 0.75, 0.81, 0.88, 0.95];

describe('diagnoseRun', () => {
  it('finds the epoch of the lowest smoothed validation BCE and the smoothed final gap', () => {
    const d = diagnoseRun('sizes', run('Large', LARGE_TRAIN, LARGE_VAL));
    expect(d).toMatchObject({ model: 'Large', epochs: 12, bestEpoch: 3, smoothing: 0.5, overfits: true });
    // Five-tap smoothing of the last point averages epochs 9–11 (weights 0.85, 0.96, 1): (0.81·0.852 + 0.88·0.961 + 0.95) / 2.813.
    expect(d?.lastValBce).toBeCloseTo((0.81 * Math.exp(-0.16) + 0.88 * Math.exp(-0.04) + 0.95) / (Math.exp(-0.16) + Math.exp(-0.04) + 1), 12);
    expect(d?.gap).toBeCloseTo((d?.lastValBce ?? 0) - (d?.lastTrainBce ?? 0), 12);
  });

  it('judges by val_binary_crossentropy, never by val_loss (which carries the L2 penalty)', () => {
    const train = LARGE_TRAIN.map((t) => t + 0.4);
    const val = [0.7, 0.66, 0.65, 0.64, 0.635, 0.63, 0.627, 0.624, 0.622, 0.62, 0.618, 0.616];
    const l2 = run('L2', train, val, val.map((v, i) => v + 0.05 * i * i));
    expect(diagnoseRun('regularizers', l2)).toMatchObject({ bestEpoch: 11, overfits: false });
  });

  it('calls a rise under 2 % of the best no overfitting, as the rubric does, however steady', () => {
    const flat = LARGE_VAL.map((v, i) => (i < 4 ? v : 0.61 + 0.0005 * (i - 3)));
    expect(diagnoseRun('sizes', run('Tiny', LARGE_TRAIN, flat))?.overfits).toBe(false);
    expect(diagnoseRun('sizes', run('Large', LARGE_TRAIN, LARGE_VAL))?.overfits).toBe(true);
    // Validation rising while training rises too is not overfitting.
    expect(diagnoseRun('sizes', run('Noisy', LARGE_VAL, LARGE_VAL.map((v) => v + 0.01)))?.overfits).toBe(false);
    expect(diagnoseRun('sizes', run('Empty', [], []))).toBeNull();
  });
});

describe('diagnoseRuns / worstOverfit', () => {
  it('diagnoses a run shared by two charts once and names the largest gap', () => {
    const tiny = run('Tiny', LARGE_TRAIN.map((t) => 0.6 + t / 100), LARGE_TRAIN.map((t) => 0.61 + t / 100));
    const large = run('Large', LARGE_TRAIN, LARGE_VAL);
    const giant = run('Giant', LARGE_TRAIN.map((t) => t / 2), LARGE_VAL.map((v, i) => v + 0.05 * i));
    const all = diagnoseRuns({ runs: { sizes: [tiny, large, giant], regularizers: [tiny] } });
    expect(all.map((d) => d.model)).toEqual(['Tiny', 'Large', 'Giant']);
    expect(worstOverfit(all)?.model).toBe('Giant');
    expect(worstOverfit(all.slice(0, 1))).toBeNull();
  });

  it("diagnoses only the groups lab.yaml asks a diagnosis of, in the groups' order", () => {
    const large = run('Large', LARGE_TRAIN, LARGE_VAL);
    const tiny = run('Tiny', LARGE_TRAIN.map((t) => 0.6 + t / 100), LARGE_TRAIN.map((t) => 0.61 + t / 100));
    const groups = [
      { id: 'optimizers', title: 'Optimizers', charts: [{ metric: 'loss' as const }] },
      { id: 'sizes', title: 'Sizes', charts: [{ metric: 'binary_crossentropy' as const }], diagnosis: 'overfitting' as const },
    ];
    expect(diagnoseRuns({ runs: { sizes: [large], optimizers: [tiny] }, groups }).map((d) => [d.group, d.model])).toEqual([['sizes', 'Large']]);
  });
});
