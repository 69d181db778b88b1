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

describe('diagnoseRun', () => {
  it('finds the epoch of the lowest validation BCE and the final gap', () => {
    const d = diagnoseRun('sizes', run('Large', [0.69, 0.6, 0.5, 0.4, 0.3], [0.7, 0.65, 0.62, 0.63, 0.7]));
    expect(d).toMatchObject({ model: 'Large', epochs: 5, bestEpoch: 2, bestValBce: 0.62, lastValBce: 0.7, lastTrainBce: 0.3, overfits: true });
    expect(d?.gap).toBeCloseTo(0.4, 12);
  });

  it('judges by val_binary_crossentropy, never by val_loss (which carries the L2 penalty)', () => {
    const l2 = run('L2', [0.7, 0.66, 0.64], [0.7, 0.66, 0.65], [0.9, 0.7, 1.5]);
    expect(diagnoseRun('regularizers', l2)).toMatchObject({ bestEpoch: 2, overfits: false });
  });

  it('calls a rise within the noise tolerance (2 % of the best) no overfitting, as the rubric does', () => {
    expect(diagnoseRun('sizes', run('Tiny', [0.6, 0.59, 0.58], [0.6, 0.59, 0.6]))?.overfits).toBe(false);
    expect(diagnoseRun('sizes', run('Tiny', [0.6, 0.59, 0.58], [0.6, 0.59, 0.605]))?.overfits).toBe(true);
    // Validation rising while training rises too is not overfitting.
    expect(diagnoseRun('sizes', run('Noisy', [0.6, 0.5, 0.55, 0.7], [0.6, 0.55, 0.6, 0.7]))?.overfits).toBe(false);
    expect(diagnoseRun('sizes', run('Empty', [], []))).toBeNull();
  });
});

describe('diagnoseRuns / worstOverfit', () => {
  it('diagnoses a run shared by two charts once and names the largest gap', () => {
    const tiny = run('Tiny', [0.6, 0.59, 0.58], [0.61, 0.6, 0.6]);
    const large = run('Large', [0.6, 0.4, 0.2], [0.6, 0.55, 0.9]);
    const giant = run('Giant', [0.6, 0.3, 0.1], [0.6, 0.5, 1.4]);
    const all = diagnoseRuns({ sizes: [tiny, large, giant], regularizers: [tiny] });
    expect(all.map((d) => d.model)).toEqual(['Tiny', 'Large', 'Giant']);
    expect(worstOverfit(all)?.model).toBe('Giant');
    expect(worstOverfit(all.slice(0, 1))).toBeNull();
  });
});
