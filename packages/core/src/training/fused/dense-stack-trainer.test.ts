import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../../backend/init-backend.js';
import { buildModel } from '../../model/build-model.js';
import type { LayerSpec, ModelSpec } from '../../spec/types.js';
import { earlyStopping } from '../callbacks/early-stopping.js';
import { fit } from '../fit.js';
import type { FitResult, LabeledArrays } from '../types.js';
import { DenseStackTrainer } from './dense-stack-trainer.js';

/** The first `rows` rows of the lab's HIGGS file from `skip` on: label, then 28 features. */
function higgs(skip: number, rows: number): LabeledArrays {
  const file = new URL('../../../../../fixtures/datasets/higgs/HIGGS_first_10000.csv.gz', import.meta.url);
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(skip, skip + rows);
  const x = new Float32Array(rows * 28);
  const y = new Float32Array(rows);
  lines.forEach((line, i) => {
    const values = line.split(',').map(Number);
    y[i] = values[0]!;
    x.set(values.slice(1, 29), i * 28);
  });
  return { x, y, shape: [rows, 28] };
}

const data = { train: higgs(0, 1000), validation: higgs(1000, 300) };
/** The lab's InverseTimeDecay(0.001, 1000, 1): a learning rate that changes every step. */
const schedule = (step: number): number => 0.001 / (1 + step / 1000);

const dense = (units: number, extra: Partial<LayerSpec> = {}): LayerSpec => ({ type: 'Dense', units, activation: 'elu', ...extra } as LayerSpec);
const logits: LayerSpec = { type: 'Dense', units: 1 };
const spec = (name: string, layers: LayerSpec[]): ModelSpec => ({ name, inputShape: [28], layers });

interface Run {
  result: FitResult;
  weights: Float32Array[];
  fusedEpochs: number;
  fusedValidations: number;
}

async function train(model: ModelSpec, fusedStep: boolean, epochs: number, batchSize: number,
  lr: number | ((s: number) => number) = schedule, on = data): Promise<Run> {
  const net = buildModel(model, { seed: 11 });
  const epoch = vi.spyOn(DenseStackTrainer.prototype, 'epoch');
  const evaluate = vi.spyOn(DenseStackTrainer.prototype, 'evaluate');
  const result = await fit(net, on, { spec: model, epochs, batchSize, seed: 5, learningRate: lr, fusedStep });
  const weights = net.getWeights().map((w) => w.dataSync() as Float32Array);
  const [fusedEpochs, fusedValidations] = [epoch.mock.calls.length, evaluate.mock.calls.length];
  vi.restoreAllMocks();
  net.dispose();
  return { result, weights, fusedEpochs, fusedValidations };
}

function expectSameBits(tape: Run, fused: Run): void {
  expect(tape.fusedEpochs).toBe(0);
  expect(fused.fusedEpochs).toBe(fused.result.epochsRun);
  expect(fused.fusedValidations).toBe(fused.result.epochsRun);
  expect(fused.result.history).toEqual(tape.result.history);
  expect(fused.result.steps).toBe(tape.result.steps);
  expect(fused.weights.length).toBe(tape.weights.length);
  for (const [i, w] of fused.weights.entries()) {
    expect(Buffer.from(w.buffer).equals(Buffer.from(tape.weights[i]!.buffer)), `weight ${i}`).toBe(true);
  }
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm', threads: 2 });
});
afterEach(() => vi.restoreAllMocks());

describe('the fused train step, against the tape on a HIGGS slice', () => {
  it("gives the tape's weights and history to the bit: Tiny and Medium, several epochs, a last batch of 200", async () => {
    for (const model of [spec('tiny', [dense(16), logits]), spec('medium', [dense(64), dense(64), dense(64), logits])]) {
      const tape = await train(model, false, 3, 400);
      const fused = await train(model, true, 3, 400);
      expectSameBits(tape, fused);
      expect(fused.result.history.history.loss[2]).toBeLessThan(fused.result.history.history.loss[0]!);
    }
  });

  it('the same with an L2 kernel penalty, Dropout, a linear hidden layer, and 512-wide layers on two threads', async () => {
    const models = [
      spec('l2', [dense(32, { kernelRegularizer: { l2: 0.01 } }), dense(16, { kernelRegularizer: { l2: 0.001 } }), logits]),
      spec('dropout', [dense(32), { type: 'Dropout', rate: 0.5 }, dense(32, { activation: 'linear' }), { type: 'Dropout', rate: 0.25 }, logits]),
      spec('wide', [dense(512, { kernelRegularizer: { l2: 0.0001 } }), { type: 'Dropout', rate: 0.5 }, dense(512), logits]),
    ];
    for (const model of models) expectSameBits(await train(model, false, 2, 200, 0.003), await train(model, true, 2, 200, 0.003));
  });

  it("the same with batches and a validation whose rows are not multiples of 4 (the tape's one-unit product is XNNPACK's then)", async () => {
    const odd = { train: higgs(0, 1002), validation: higgs(1002, 301) };
    for (const model of [spec('tiny', [dense(16), logits]), spec('l2-dropout', [dense(32, { kernelRegularizer: { l2: 0.01 } }), { type: 'Dropout', rate: 0.5 }, logits])]) {
      for (const batchSize of [50, 25]) {
        expectSameBits(await train(model, false, 2, batchSize, schedule, odd), await train(model, true, 2, batchSize, schedule, odd));
      }
    }
  });

  it('leaves callbacks the model as the tape does: early stopping restores the same best weights', async () => {
    const model = spec('tiny', [dense(16), logits]);
    const run = async (fusedStep: boolean) => {
      const net = buildModel(model, { seed: 3 });
      const result = await fit(net, data, {
        spec: model, epochs: 6, batchSize: 100, seed: 2, learningRate: 0.05, fusedStep,
        callbacks: [earlyStopping({ monitor: 'val_binary_crossentropy', patience: 1, restoreBestWeights: true })],
      });
      const weights = net.getWeights().map((w) => Array.from(w.dataSync()));
      net.dispose();
      return { result, weights };
    };
    const [tape, fused] = [await run(false), await run(true)];
    expect(fused.result).toEqual(tape.result);
    expect(fused.weights).toEqual(tape.weights);
  });

  it('steps aside for FITCHECK_FUSED_STEP=0', async () => {
    vi.stubEnv('FITCHECK_FUSED_STEP', '0');
    try {
      expect((await train(spec('tiny', [dense(16), logits]), true, 1, 200)).fusedEpochs).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('frees every buffer it allocated', async () => {
    const before = tf.memory().numTensors;
    const ids = (tf.engine().backend as unknown as { numDataIds(): number }).numDataIds();
    await train(spec('tiny', [dense(16), logits]), true, 1, 200);
    expect(tf.memory().numTensors).toBe(before);
    expect((tf.engine().backend as unknown as { numDataIds(): number }).numDataIds()).toBe(ids);
  });
});
