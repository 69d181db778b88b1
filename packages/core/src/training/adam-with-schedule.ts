import * as tf from '@tensorflow/tfjs-core';

/**
 * TF.js' Adam with a learning rate that follows a schedule per optimizer step, as Keras does
 * with a `LearningRateSchedule`: step t (0-based, before the update) uses `schedule(t)`.
 * TF.js reads `this.learningRate` on every `applyGradients`, so setting it first is enough.
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

  override applyGradients(grads: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    this.learningRate = this.schedule(this.step);
    super.applyGradients(grads);
    this.step += 1;
  }
}
