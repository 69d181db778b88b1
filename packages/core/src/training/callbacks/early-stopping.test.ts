import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyMlp, useCpu } from '../test-helpers.js';
import { METRIC_NAMES, type EpochLogs, type TrainingContext } from '../types.js';
import { earlyStopping, type EarlyStoppingOptions } from './early-stopping.js';

beforeAll(useCpu);

/**
 * Drives the callback through a scripted `val_binary_crossentropy` sequence the way `fit` does,
 * setting every weight to the epoch number first, so a restore is visible in the weights.
 */
async function script(values: number[], options: EarlyStoppingOptions) {
  const model = tinyMlp(2, 3, 1);
  const ctx: TrainingContext = {
    model, epochs: values.length, stepsPerEpoch: 1, stopTraining: false,
    history: { epoch: [], history: Object.fromEntries(METRIC_NAMES.map((k) => [k, []])) as unknown as TrainingContext['history']['history'] },
  };
  const cb = earlyStopping(options);
  await cb.onTrainBegin?.(ctx);
  let ran = 0;
  for (let epoch = 0; epoch < values.length && !ctx.stopTraining; epoch++) {
    model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, epoch)));
    const logs = Object.fromEntries(METRIC_NAMES.map((k) => [k, 0.5])) as EpochLogs;
    logs.val_binary_crossentropy = values[epoch]!;
    await cb.onEpochEnd?.(epoch, logs, ctx);
    ran = epoch + 1;
  }
  await cb.onTrainEnd?.(ctx);
  const weightValue = (await model.getWeights()[0]!.data())[0];
  model.dispose();
  return { ran, state: cb.state, weightValue };
}

describe('earlyStopping (Keras 3 rules)', () => {
  const seq = [0.9, 0.7, 0.6, 0.65, 0.62, 0.61, 0.7, 0.8, 0.9, 0.95];

  it('stops `patience` epochs after the best one', async () => {
    // best at epoch 2 → stops at the end of epoch 2 + 3 = 5, after 6 epochs
    const r = await script(seq, { patience: 3 });
    expect(r.ran).toBe(6);
    expect(r.state.stoppedEpoch).toBe(5);
    expect(r.state.bestEpoch).toBe(2);
    expect(r.state.best).toBe(0.6);
  });

  it('without restoreBestWeights keeps the last weights; with it, restores the best epoch', async () => {
    expect((await script(seq, { patience: 3 })).weightValue).toBe(5);
    const r = await script(seq, { patience: 3, restoreBestWeights: true });
    expect(r.weightValue).toBe(2);
    expect(r.state.restored).toBe(true);
  });

  it('minDelta: an improvement must beat the best by more than minDelta', async () => {
    // 0.6 beats 0.7 by 0.1 > 0.05; 0.58 and 0.56 do not beat 0.6 by more than 0.05
    const r = await script([0.8, 0.7, 0.6, 0.58, 0.56, 0.57, 0.5], { patience: 2, minDelta: 0.05 });
    expect(r.state.bestEpoch).toBe(2);
    expect(r.ran).toBe(5);
  });

  it('patience 0 stops at the first epoch without improvement, but never at epoch 0', async () => {
    const r = await script([0.5, 0.6, 0.4], { patience: 0 });
    expect(r.ran).toBe(2);
  });

  it('mode auto maximizes accuracies', async () => {
    const cb = earlyStopping({ monitor: 'val_accuracy', patience: 1 });
    const model = tinyMlp(2, 2, 1);
    const ctx = { model, epochs: 5, stepsPerEpoch: 1, stopTraining: false, history: { epoch: [], history: {} } } as unknown as TrainingContext;
    const acc = [0.5, 0.6, 0.55, 0.7];
    let ran = 0;
    for (let e = 0; e < acc.length && !ctx.stopTraining; e++, ran++) {
      await cb.onEpochEnd?.(e, { val_accuracy: acc[e]! } as EpochLogs, ctx);
    }
    expect(cb.state.bestEpoch).toBe(1);
    expect(ran).toBe(3);
    model.dispose();
  });

  it('restores even when the run used all its epochs (Keras 3)', async () => {
    const r = await script([0.9, 0.5, 0.6], { patience: 10, restoreBestWeights: true });
    expect(r.ran).toBe(3);
    expect(r.weightValue).toBe(1);
  });
});
