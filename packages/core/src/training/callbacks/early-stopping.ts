import * as tf from '@tensorflow/tfjs-core';
import { FitcheckError } from '../../errors.js';
import type { Callback, MetricName } from '../types.js';

export interface EarlyStoppingOptions {
  /** Default `val_binary_crossentropy`: the lab compares runs by BCE without the L2 penalty. */
  monitor?: MetricName;
  /** Epochs without improvement after which training stops. Default 0. */
  patience?: number;
  /** An improvement must beat the best by more than this. Default 0. */
  minDelta?: number;
  /** `auto` means `max` for accuracies, `min` otherwise (Keras' rule). */
  mode?: 'min' | 'max' | 'auto';
  /** Training stops improving-wise only once the monitor also beats this. */
  baseline?: number;
  /** Restore the best epoch's weights when training ends. Default false, as in Keras. */
  restoreBestWeights?: boolean;
}

/** What the early-stopping callback decided; read it after `fit`. */
export interface EarlyStoppingState {
  /** 0-based epoch at which training was stopped, 0 when it never fired (Keras' `stopped_epoch`). */
  stoppedEpoch: number;
  bestEpoch: number;
  best: number;
  restored: boolean;
}

/**
 * Keras 3's `EarlyStopping`: each epoch `wait += 1`; an improvement (`current - minDelta < best` in
 * min mode) records the best value, epoch and weights and resets `wait` to 0; when `wait >= patience`
 * (and epoch > 0) training stops. So with the best at epoch b, training ends after epoch b + patience.
 * With `restoreBestWeights`, the best weights come back at the end of training — even when the run
 * used all its epochs, as Keras 3 does.
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): Callback & { readonly state: EarlyStoppingState } {
  const monitor = options.monitor ?? 'val_binary_crossentropy';
  const patience = options.patience ?? 0;
  const minDelta = Math.abs(options.minDelta ?? 0);
  if (!Number.isInteger(patience) || patience < 0) {
    throw new FitcheckError('BAD_CALLBACK', `earlyStopping: patience must be a whole number >= 0, got ${patience}`);
  }
  const mode = options.mode === 'max' || (options.mode !== 'min' && monitor.endsWith('accuracy')) ? 'max' : 'min';
  const better = mode === 'min' ? (a: number, ref: number) => a + minDelta < ref : (a: number, ref: number) => a - minDelta > ref;
  const state: EarlyStoppingState = { stoppedEpoch: 0, bestEpoch: 0, best: mode === 'min' ? Infinity : -Infinity, restored: false };
  let wait = 0;
  let bestWeights: tf.Tensor[] | null = null;

  const keepWeights = (weights: tf.Tensor[]) => {
    if (bestWeights) tf.dispose(bestWeights);
    bestWeights = weights.map((w) => tf.keep(w.clone()));
  };

  return {
    state,
    onTrainBegin() {
      wait = 0;
      Object.assign(state, { stoppedEpoch: 0, bestEpoch: 0, best: mode === 'min' ? Infinity : -Infinity, restored: false });
    },
    onEpochEnd(epoch, logs, ctx) {
      const current = logs[monitor];
      if (options.restoreBestWeights && bestWeights === null) {
        keepWeights(ctx.model.getWeights());
        state.bestEpoch = epoch;
      }
      wait += 1;
      if (better(current, state.best)) {
        state.best = current;
        state.bestEpoch = epoch;
        if (options.restoreBestWeights) keepWeights(ctx.model.getWeights());
        if (options.baseline === undefined || better(current, options.baseline)) wait = 0;
        return;
      }
      if (wait >= patience && epoch > 0) {
        state.stoppedEpoch = epoch;
        ctx.stopTraining = true;
      }
    },
    onTrainEnd(ctx) {
      if (options.restoreBestWeights && bestWeights) {
        ctx.model.setWeights(bestWeights);
        tf.dispose(bestWeights);
        bestWeights = null;
        state.restored = true;
      }
    },
  };
}
