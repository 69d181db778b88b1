import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createOptimizer } from '../optimizers/index.js';
import { TrainingDivergedError, firstNonFinite } from './diverged.js';
import { permutations } from './shuffle.js';
import type { DenseStackTrainer } from './fused/dense-stack-trainer.js';
import { fusedTrainer } from './fused/fused-trainer.js';
import { toTensors } from './tensors.js';
import {
  METRIC_NAMES, type EpochLogs, type FitOptions, type FitResult, type History, type LabeledArrays, type TrainingContext,
} from './types.js';

/** Sum of the model's regularization penalties (Keras: `sum(model.losses)`), or null without regularizers. */
function penalty(model: tfl.LayersModel): tf.Scalar | null {
  const terms = model.calculateLosses();
  return terms.length === 0 ? null : (tf.addN(terms) as tf.Scalar);
}

/** How many logits fall on the label's side of 0 (probability 0.5). */
function correctCount(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.cast(tf.greater(logits, 0), 'float32'), labels), 'float32'));
}

/** Per-batch [Σ BCE·n, Σ correct] in inference mode over `data`, batched so memory stays bounded. */
function evaluateSums(model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor, n: number, batchSize: number): tf.Tensor1D {
  let sums = tf.zeros([2]) as tf.Tensor1D;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const next = tf.tidy(() => {
      const xb = tf.slice(x, start, size);
      const yb = tf.slice(y, start, size);
      const logits = model.apply(xb, { training: false }) as tf.Tensor;
      const bce = tf.losses.sigmoidCrossEntropy(yb, logits);
      return tf.add(sums, tf.stack([tf.mul(bce, size), correctCount(logits, yb)])) as tf.Tensor1D;
    });
    sums.dispose();
    sums = next;
  }
  return sums;
}

/**
 * One epoch on TF.js' tape: per batch, gather the shuffled rows, `minimize` the loss (BCE from logits
 * plus the penalties), and add [loss·n, bce·n, correct] to the epoch's sums, kept on the device.
 */
function tapeEpoch({ model, optimizer, variables, train, order: rows, batchSize }: {
  model: tfl.LayersModel; optimizer: tf.Optimizer; variables: tf.Variable[];
  train: { x: tf.Tensor; y: tf.Tensor; n: number }; order: Int32Array; batchSize: number;
}): tf.Tensor1D {
  const order = tf.tensor1d(rows, 'int32');
  let sums = tf.zeros([3]) as tf.Tensor1D; // Σ loss·n, Σ bce·n, Σ correct
  for (let start = 0; start < train.n; start += batchSize) {
    const size = Math.min(batchSize, train.n - start);
    const next = tf.tidy(() => {
      const idx = tf.slice(order, start, size);
      const xb = tf.gather(train.x, idx);
      const yb = tf.gather(train.y, idx);
      let stats: tf.Tensor1D | undefined;
      optimizer.minimize(() => {
        const logits = model.apply(xb, { training: true }) as tf.Tensor;
        const bce = tf.losses.sigmoidCrossEntropy(yb, logits);
        const reg = penalty(model);
        const loss = (reg ? tf.add(bce, reg) : bce) as tf.Scalar;
        stats = tf.keep(tf.stack([tf.mul(loss, size), tf.mul(bce, size), correctCount(logits, yb)]) as tf.Tensor1D);
        return loss;
      }, false, variables);
      const total = tf.add(sums, stats!) as tf.Tensor1D;
      stats!.dispose(); // kept out of minimize's scope, so tidy does not own it
      return total;
    });
    sums.dispose();
    sums = next;
  }
  order.dispose();
  return sums;
}

/**
 * Trains `model` with the lab's Keras setup: loss = mean binary cross-entropy from logits + the
 * model's regularization penalties, an optimizer (Adam by default; its learning rate may follow a
 * per-step schedule), a
 * seeded reshuffle every epoch, mini-batches of `batchSize` (the last one may be smaller).
 *
 * Logged per epoch, as Keras does: `loss` and `binary_crossentropy` are batch-size-weighted means over
 * the epoch's training batches (dropout active), `accuracy` thresholds logits at 0; the `val_*` series
 * are computed at the epoch's end in inference mode, `val_loss` including the penalty.
 *
 * Where fused-plan.ts takes the model (a Dense stack with Adam on fitcheck's wasm kernels), each
 * batch is one fused step (training/fused/) instead of the tape, with the same weights and sums to
 * the bit; `options.fusedStep: false` keeps the tape.
 *
 * The only device→host copies are one per epoch (the epoch's sums), so no per-batch sync slows
 * training; every per-step tensor is disposed. A non-finite metric throws {@link TrainingDivergedError}
 * carrying the history so far.
 */
export async function fit(
  model: tfl.LayersModel,
  data: { train: LabeledArrays; validation: LabeledArrays },
  options: FitOptions,
): Promise<FitResult> {
  const { epochs, batchSize, seed, callbacks = [], signal } = options;
  const name = options.spec.name ?? model.name;
  const schedule = typeof options.learningRate === 'number' ? constant(options.learningRate) : options.learningRate;
  const train = toTensors(data.train, 'training');
  const val = toTensors(data.validation, 'validation');
  const optimizer = createOptimizer(options.optimizer ?? { type: 'Adam' }, schedule);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const nextOrder = permutations(train.n, seed);
  const stepsPerEpoch = Math.ceil(train.n / batchSize);
  const history: History = { epoch: [], history: Object.fromEntries(METRIC_NAMES.map((k) => [k, []])) as unknown as History['history'] };
  const ctx: TrainingContext = { model, epochs, stepsPerEpoch, history, stopTraining: false };

  let fused: DenseStackTrainer | null = null;
  try {
    fused = fusedTrainer({ model, optimizer, train, shape: data.train.shape, batchSize, wanted: options.fusedStep });
    for (const cb of callbacks) await cb.onTrainBegin?.(ctx);
    for (let epoch = 0; epoch < epochs && !ctx.stopTraining && !signal?.aborted; epoch++) {
      const sums = fused === null
        ? tapeEpoch({ model, optimizer, variables, train, order: nextOrder(), batchSize })
        : tf.tensor1d(fused.epoch(nextOrder()), 'float32');
      const fusedValidation = fused?.canEvaluate(data.validation.shape) === true ? fused.evaluate(val.x, val.y, val.n) : null;
      const valSums = fusedValidation === null
        ? evaluateSums(model, val.x, val.y, val.n, batchSize)
        : tf.tensor1d(fusedValidation.sums, 'float32');
      const valPenalty = fusedValidation === null
        ? tf.tidy(() => penalty(model) ?? tf.scalar(0))
        : tf.scalar(fusedValidation.penalty ?? 0);
      const [[lossSum, bceSum, correct], [valBceSum, valCorrect], [valReg]] = await Promise.all(
        [sums, valSums, valPenalty].map((t) => t.data()),
      ) as [Float32Array, Float32Array, Float32Array];
      tf.dispose([sums, valSums, valPenalty]);

      const logs: EpochLogs = {
        loss: lossSum! / train.n,
        binary_crossentropy: bceSum! / train.n,
        accuracy: correct! / train.n,
        val_loss: valBceSum! / val.n + valReg!,
        val_binary_crossentropy: valBceSum! / val.n,
        val_accuracy: valCorrect! / val.n,
      };
      history.epoch.push(epoch);
      for (const k of METRIC_NAMES) history.history[k].push(logs[k]);
      const bad = firstNonFinite(logs);
      if (bad) throw new TrainingDivergedError(name, epoch, bad, history);
      for (const cb of callbacks) await cb.onEpochEnd?.(epoch, logs, ctx);
    }
    for (const cb of callbacks) await cb.onTrainEnd?.(ctx);
  } finally {
    fused?.dispose();
    tf.dispose([train.x, train.y, val.x, val.y]);
    optimizer.dispose();
  }

  const epochsRun = history.epoch.length;
  return {
    history,
    epochsRun,
    stoppedEarly: ctx.stopTraining && epochsRun < epochs,
    bestEpoch: argmin(history.history.val_binary_crossentropy),
    steps: fused?.steps ?? optimizer.steps,
  };
}

function constant(lr: number): (step: number) => number {
  return () => lr;
}

function argmin(values: number[]): number | null {
  let best: number | null = null;
  values.forEach((v, i) => {
    if (best === null || v < values[best]!) best = i;
  });
  return best;
}
