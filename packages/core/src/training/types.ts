import type * as tfl from '@tensorflow/tfjs-layers';
import type { OptimizerSpec } from '../optimizers/types.js';
import type { ModelSpec } from '../spec/types.js';

/**
 * Samples as plain typed arrays, numpy-style: `x` holds `shape[0]` samples of `shape.slice(1)`,
 * `y` one 0/1 label per sample. `@fitcheck/datasets` produces exactly this shape.
 */
export interface LabeledArrays {
  x: Float32Array;
  y: Float32Array;
  shape: number[];
}

/** The six series Keras logs for the lab's compile(): loss (with penalties), BCE (without), accuracy. */
export const METRIC_NAMES = [
  'loss', 'binary_crossentropy', 'accuracy', 'val_loss', 'val_binary_crossentropy', 'val_accuracy',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type EpochLogs = Record<MetricName, number>;

/** Shaped like Keras' `History`: `epoch` is 0-based, one entry per series per epoch. */
export interface History {
  epoch: number[];
  history: Record<MetricName, number[]>;
}

/** What a callback sees and may change while `fit` runs. */
export interface TrainingContext {
  readonly model: tfl.LayersModel;
  readonly epochs: number;
  readonly stepsPerEpoch: number;
  readonly history: History;
  /** Set to true to end training after the current epoch (Keras' `model.stop_training`). */
  stopTraining: boolean;
}

/** Keras-style callback hooks; all optional, all may be async. */
export interface Callback {
  onTrainBegin?(ctx: TrainingContext): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: EpochLogs, ctx: TrainingContext): void | Promise<void>;
  onTrainEnd?(ctx: TrainingContext): void | Promise<void>;
}

export interface FitOptions {
  /** The spec the model was built from (its name labels errors and progress). */
  spec: ModelSpec;
  epochs: number;
  batchSize: number;
  /** Seeds the per-epoch shuffle; weight init and dropout are seeded by `buildModel`. */
  seed: number;
  /** A constant, or a schedule evaluated at every optimizer step (Keras' `LearningRateSchedule`). */
  learningRate: number | ((step: number) => number);
  /** Which optimizer and its options (Keras' names and defaults); default Adam. Its own `learningRate` is not read: `learningRate` above is. */
  optimizer?: OptimizerSpec;
  callbacks?: Callback[];
  /**
   * Train a Dense stack with the fused step where it applies (training/fused/fused-plan.ts): default
   * true; false keeps TF.js' tape (the same results, slower).
   */
  fusedStep?: boolean;
  /** Aborting ends training after the current epoch, keeping the history so far. */
  signal?: AbortSignal;
}

export interface FitResult {
  history: History;
  epochsRun: number;
  /** True when a callback (early stopping) ended training before `epochs`. */
  stoppedEarly: boolean;
  /** 0-based epoch with the lowest `val_binary_crossentropy`, or null before any epoch ran. */
  bestEpoch: number | null;
  /** Optimizer steps taken. */
  steps: number;
}
