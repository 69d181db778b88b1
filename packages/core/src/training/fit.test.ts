import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { linearlySeparable, tinyMlp, useCpu } from './test-helpers.js';
import type { LabeledArrays } from './types.js';
import { predictLogits } from './predict.js';
import { TrainingDivergedError } from './diverged.js';
import { buildModel } from '../model/build-model.js';
import type { ModelSpec } from '../spec/types.js';

/** Mean sigmoid cross-entropy from logits, written out independently of TF.js. */
function bceFromLogits(labels: Float32Array, logits: Float32Array): number {
  let s = 0;
  logits.forEach((x, i) => (s += Math.max(x, 0) - x * labels[i]! + Math.log1p(Math.exp(-Math.abs(x)))));
  return s / logits.length;
}

const spec = { name: 'Tiny', inputShape: [6], layers: [] };
const data = (): { train: LabeledArrays; validation: LabeledArrays } => ({
  train: linearlySeparable(400, 6, 1),
  validation: linearlySeparable(200, 6, 2),
});

beforeAll(useCpu);

describe('fit', () => {
  it('learns a learnable problem: loss falls and accuracy rises', async () => {
    const model = tinyMlp(6, 16, 7);
    const { history, epochsRun, steps } = await fit(model, data(), { spec, epochs: 15, batchSize: 50, seed: 3, learningRate: 0.01 });
    expect(epochsRun).toBe(15);
    expect(steps).toBe(15 * 8);
    const bce = history.history.binary_crossentropy;
    expect(bce[14]!).toBeLessThan(bce[0]! * 0.5);
    expect(history.history.val_accuracy[14]!).toBeGreaterThan(0.9);
    expect(history.epoch).toEqual([...Array(15).keys()]);
    model.dispose();
  });

  it('is reproducible: same seeds → identical history; another shuffle seed → a different one', async () => {
    const run = async (shuffleSeed: number) => {
      const model = tinyMlp(6, 8, 11);
      const r = await fit(model, data(), { spec, epochs: 3, batchSize: 64, seed: shuffleSeed, learningRate: 0.005 });
      model.dispose();
      return r.history.history;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect((await run(6)).loss).not.toEqual(a.loss);
  });

  it('logs the validation BCE of the final weights, equal to BCE computed from predictions', async () => {
    const model = tinyMlp(6, 8, 13);
    const d = data();
    const { history } = await fit(model, d, { spec, epochs: 2, batchSize: 100, seed: 1, learningRate: 0.01 });
    const logits = await predictLogits(model, d.validation);
    expect(history.history.val_binary_crossentropy[1]!).toBeCloseTo(bceFromLogits(d.validation.y, logits), 5);
    model.dispose();
  });

  it('adds the L2 penalty to loss and val_loss but not to binary_crossentropy', async () => {
    const model = tinyMlp(6, 8, 17, 0.01);
    const { history } = await fit(model, data(), { spec, epochs: 1, batchSize: 100, seed: 1, learningRate: 0.001 });
    const h = history.history;
    const kernels = model.layers[0]!.getWeights()[0]!;
    const penalty = 0.01 * (await tf.sum(tf.square(kernels)).data())[0]!;
    expect(h.val_loss[0]! - h.val_binary_crossentropy[0]!).toBeCloseTo(penalty, 5);
    expect(h.loss[0]! - h.binary_crossentropy[0]!).toBeGreaterThan(0);
    model.dispose();
  });

  it('follows a learning-rate schedule per optimizer step: lr 0 after step 0 freezes the weights', async () => {
    const model = tinyMlp(6, 4, 19);
    const before = model.getWeights().map((w) => w.arraySync());
    await fit(model, data(), { spec, epochs: 1, batchSize: 400, seed: 1, learningRate: (step) => (step === 0 ? 0 : 0.1) });
    // one step per epoch (batch = whole set) at lr 0: nothing moved
    expect(model.getWeights().map((w) => w.arraySync())).toEqual(before);
    model.dispose();
  });

  it('trains with the optimizer its spec names: one full-batch SGD step moves each weight by exactly −lr·∂loss/∂w', async () => {
    const d = data();
    const model = tinyMlp(6, 4, 31);
    const twin = tinyMlp(6, 4, 31);
    const before = model.getWeights().map((w) => w.dataSync().slice());
    // The gradient of the first epoch's loss at the starting weights, computed apart from fit.
    const x = tf.tensor(d.train.x, d.train.shape);
    const y = tf.tensor(d.train.y, [d.train.y.length, 1]);
    const { grads } = tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(y, twin.apply(x) as tf.Tensor) as tf.Scalar, twin.trainableWeights.map((w) => w.read() as tf.Variable));
    const expected = twin.trainableWeights.map((w, i) => {
      const g = grads[(w.read() as tf.Variable).name]!.dataSync();
      return before[i]!.map((v, j) => v - 0.5 * g[j]!);
    });
    const { steps } = await fit(model, d, { spec, epochs: 1, batchSize: 400, seed: 1, learningRate: 0.5, optimizer: { type: 'SGD' } });
    expect(steps).toBe(1);
    model.getWeights().forEach((w, i) => {
      const got = w.dataSync();
      expected[i]!.forEach((v, j) => expect(got[j]).toBeCloseTo(v, 5));
    });
    tf.dispose([x, y, ...Object.values(grads)]);
    model.dispose();
    twin.dispose();
  });

  it('leaks no tensors', async () => {
    const model = tinyMlp(6, 8, 23);
    const before = tf.memory().numTensors;
    await fit(model, data(), { spec, epochs: 3, batchSize: 64, seed: 1, learningRate: 0.01 });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('stops a diverging run with a typed error that keeps the history so far', async () => {
    const model = tinyMlp(6, 8, 29, 1e38);
    const err = await fit(model, data(), { spec, epochs: 5, batchSize: 100, seed: 1, learningRate: 0.01 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingDivergedError);
    const e = err as TrainingDivergedError;
    expect(e.code).toBe('TRAINING_DIVERGED');
    expect(e.history.epoch.length).toBe(e.epoch + 1);
    expect(e.message).toMatch(/Tiny diverged at epoch \d/);
    model.dispose();
  });

  it('a spec with L2 and Dropout, built and trained twice with one seed, gives the same history', async () => {
    const regularized: ModelSpec = {
      name: 'Combined', inputShape: [6], layers: [
        { type: 'Dense', units: 32, activation: 'elu', kernelRegularizer: { l2: 0.0001 } },
        { type: 'Dropout', rate: 0.5 },
        { type: 'Dense', units: 1 },
      ],
    };
    const run = async () => {
      const model = buildModel(regularized, { seed: 42 });
      const r = await fit(model, data(), { spec: regularized, epochs: 3, batchSize: 50, seed: 42, learningRate: 0.01 });
      model.dispose();
      return r.history.history;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    // the L2 penalty sits in loss, not in binary_crossentropy
    expect(a.loss[0]! - a.binary_crossentropy[0]!).toBeGreaterThan(0);
  });
});
