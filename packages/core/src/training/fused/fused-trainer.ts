import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { backendEnvironment } from '../../backend/environment.js';
import { fastKernelsEngine } from '../../backend/fast-kernels.js';
import { wasmHeap } from '../../backend/load-wasm.js';
import { xnnpackColumnMatches } from '../../backend/wasm-internals.js';
import { stockUnary } from '../../backend/kernels/stock-unary.js';
import type { StockUnaryBackend } from '../../backend/kernels/stock-unary.js';
import { DenseStackTrainer } from './dense-stack-trainer.js';
import type { FusedTrainData } from './dense-stack-trainer.js';
import { fusedPlan } from './fused-plan.js';

export interface FusedTrainerInput {
  model: tfl.LayersModel;
  optimizer: unknown;
  train: FusedTrainData;
  shape: readonly number[];
  batchSize: number;
  /** False: never fuse (FitOptions.fusedStep); FITCHECK_FUSED_STEP=0 says the same for a process. */
  wanted?: boolean;
}

/**
 * The fused trainer for this run when fused-plan.ts takes the model, the optimizer and the data on
 * the active backend (wasm with fitcheck's kernel engine), else null: `fit` then trains on the tape.
 * FITCHECK_DEBUG=1 prints why a run is not fused.
 */
export function fusedTrainer({ model, optimizer, train, shape, batchSize, wanted = true }: FusedTrainerInput): DenseStackTrainer | null {
  if (!wanted || backendEnvironment().fusedStep === false) return null;
  const engine = tf.getBackend() === 'wasm' ? fastKernelsEngine() : undefined;
  const kernelsReady = engine !== undefined;
  const choice = fusedPlan({ model, optimizer, shape, batchSize, kernelsReady, anyRows: kernelsReady && xnnpackColumnMatches() });
  if ('reason' in choice || engine === undefined) {
    if (process.env.FITCHECK_DEBUG && 'reason' in choice) process.stderr.write(`fitcheck: ${model.name} trains on the tape: ${choice.reason}\n`);
    return null;
  }
  const backend = tf.backend() as unknown as StockUnaryBackend;
  return new DenseStackTrainer(choice.plan, train, batchSize, backend, engine, stockUnary(backend), wasmHeap().memory);
}
