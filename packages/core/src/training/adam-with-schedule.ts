import * as tf from '@tensorflow/tfjs-core';
import { FUSED_ADAM } from '../backend/kernels/adam-kernel.js';
import type { FusedAdamAttrs } from '../backend/kernels/adam-kernel.js';

type Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/** Keras' Adam options (`beta_1`, `beta_2`, `epsilon`), camel-cased. */
export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * TF.js' ε that gives Keras' update at step `step` (0-based): Keras adds ε to √v̂'s numerator side,
 * `α = lr·√(1 − β₂ⁿ) / (1 − β₁ⁿ)`, TF.js to the bias-corrected √(v / (1 − β₂ⁿ)); they agree when TF.js'
 * ε is `ε / √(1 − β₂ⁿ)`, n = step + 1.
 */
export function tfjsEpsilon(kerasEpsilon: number, beta2: number, step: number): number {
  return kerasEpsilon / Math.sqrt(1 - beta2 ** (step + 1));
}

/** What the fused train step (training/fused) needs of an Adam to run its update itself. */
export interface AdamSettings {
  schedule: (step: number) => number;
  beta1: number;
  beta2: number;
  /** Keras' ε. */
  epsilon: number;
}

/** The state tfjs-core's AdamOptimizer keeps in private fields; the fused step must keep it the same way. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
}

/**
 * Keras 3's Adam on TF.js' AdamOptimizer, with a learning rate that follows a schedule per optimizer
 * step, as Keras does with a `LearningRateSchedule`: step t (0-based, before the update) uses
 * `schedule(t)`. TF.js reads `this.learningRate` on every `applyGradients`, so setting it first is enough.
 *
 * Keras (`keras/src/optimizers/adam.py`), with n = t + 1: `m ← m + (g − m)(1 − β₁)`,
 * `v ← v + (g² − v)(1 − β₂)`, `w ← w − α·m / (√v + ε)` with `α = lr·√(1 − β₂ⁿ) / (1 − β₁ⁿ)`.
 * TF.js adds ε to the bias-corrected `√(v / (1 − β₂ⁿ))` instead; the two agree exactly when TF.js'
 * ε is `ε / √(1 − β₂ⁿ)`, so each step sets that (early steps differ most: ×31.6 at n = 1).
 *
 * Where the backend registers fitcheck's fused Adam kernel (wasm), each variable's step is that one
 * kernel instead of TF.js' eleven; it computes the same float32 operations in the same order, and
 * keeps the moments in the same variables, so weights, moments and `getWeights` are unchanged.
 */
export class AdamWithSchedule extends tf.AdamOptimizer {
  private step = 0;
  /** Keras' ε; TF.js' own `epsilon` is set from it every step. */
  private readonly kerasEpsilon: number;

  constructor(private readonly schedule: (step: number) => number, { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 }: AdamOptions = {}) {
    // Keras' Adam defaults: beta1 0.9, beta2 0.999, epsilon 1e-7.
    super(schedule(0), beta1, beta2, epsilon);
    this.kerasEpsilon = epsilon;
  }

  /** Optimizer steps applied so far (Keras' `optimizer.iterations`). */
  get steps(): number {
    return this.step;
  }

  /** Its schedule and Keras options, for a fused train step that keeps its own moments (training/fused). */
  settings(): AdamSettings {
    return { schedule: this.schedule, beta1: this.beta1, beta2: this.beta2, epsilon: this.kerasEpsilon };
  }

  override applyGradients(grads: Gradients): void {
    this.learningRate = this.schedule(this.step);
    this.epsilon = tfjsEpsilon(this.kerasEpsilon, this.beta2, this.step);
    if (tf.getKernel(FUSED_ADAM, tf.getBackend()) === undefined) super.applyGradients(grads);
    else this.applyFused(grads);
    this.step += 1;
  }

  /** tfjs-core's applyGradients, with the per-variable arithmetic as one fused kernel. */
  private applyFused(grads: Gradients): void {
    const state = this as unknown as AdamState;
    const entries: [string, tf.Tensor | undefined][] = Array.isArray(grads)
      ? grads.map((g) => [g.name, g.tensor])
      : Object.entries(grads);
    const attrs: FusedAdamAttrs = {
      beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, learningRate: this.learningRate,
    };
    tf.tidy(() => {
      const d1 = tf.sub(1, state.accBeta1);
      const d2 = tf.sub(1, state.accBeta2);
      entries.forEach(([name, gradient], i) => {
        const value = tf.engine().registeredVariables[name];
        if (value === undefined) throw new Error(`Adam: no variable named ${name}`);
        const m = (state.accumulatedFirstMoment[i] ??= {
          originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        }).variable;
        const v = (state.accumulatedSecondMoment[i] ??= {
          originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        }).variable;
        if (gradient == null) return;
        const [w2, m2, v2] = tf.engine().runKernel(FUSED_ADAM, { w: value, g: gradient, m, v, d1, d2 }, attrs) as tf.Tensor[];
        m.assign(m2 as tf.Tensor);
        v.assign(v2 as tf.Tensor);
        value.assign(w2 as tf.Tensor);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}
