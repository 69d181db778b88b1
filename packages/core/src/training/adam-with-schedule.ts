import * as tf from '@tensorflow/tfjs-core';
import { FUSED_ADAM } from '../backend/kernels/adam-kernel.js';
import type { FusedAdamAttrs } from '../backend/kernels/adam-kernel.js';

type Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/** The state tfjs-core's AdamOptimizer keeps in private fields; the fused step must keep it the same way. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
}

/**
 * TF.js' Adam with a learning rate that follows a schedule per optimizer step, as Keras does
 * with a `LearningRateSchedule`: step t (0-based, before the update) uses `schedule(t)`.
 * TF.js reads `this.learningRate` on every `applyGradients`, so setting it first is enough.
 *
 * Where the backend registers fitcheck's fused Adam kernel (wasm), each variable's step is that one
 * kernel instead of TF.js' eleven; it computes the same float32 operations in the same order, and
 * keeps the moments in the same variables, so weights, moments and `getWeights` are unchanged.
 */
export class AdamWithSchedule extends tf.AdamOptimizer {
  private step = 0;

  constructor(private readonly schedule: (step: number) => number) {
    // Keras' Adam defaults: beta1 0.9, beta2 0.999, epsilon 1e-7.
    super(schedule(0), 0.9, 0.999, 1e-7);
  }

  /** Optimizer steps applied so far (Keras' `optimizer.iterations`). */
  get steps(): number {
    return this.step;
  }

  override applyGradients(grads: Gradients): void {
    this.learningRate = this.schedule(this.step);
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
