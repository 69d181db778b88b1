import * as tf from '@tensorflow/tfjs-core';
import type { LearningRateSchedule } from '../schedules/types.js';
import { requireOption } from './check-option.js';
import { gradientEntries, Slots, variableNamed } from './slots.js';
import type { LearningRateSpec } from '../schedules/from-spec.js';
import { defineOptimizer, type ScheduledOptimizer } from './types.js';

declare module './types.js' {
  interface OptimizerSpecs {
    SGD: SgdSpec;
  }
}

/** Keras' `SGD(learning_rate=0.01, momentum=0.0, nesterov=False)`. */
export interface SgdSpec {
  type: 'SGD';
  learningRate?: LearningRateSpec;
  momentum?: number;
  nesterov?: boolean;
}

type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];

/**
 * Keras 3's `SGD`, step by step (`keras/src/optimizers/sgd.py`), with lr = `schedule(step)`:
 *   momentum 0:      `w ← w − lr·g`
 *   momentum μ > 0:  `v ← μ·v − lr·g`, then `w ← w + v`, or with Nesterov `w ← w + μ·v − lr·g`
 *   (v the new velocity, zero at first).
 * TF.js' `MomentumOptimizer` keeps `v ← μ·v + g` and scales by lr afterwards, which differs from
 * Keras once the rate changes between steps.
 */
export class KerasSgd extends tf.Optimizer implements ScheduledOptimizer {
  static readonly className = 'KerasSGD';
  private step = 0;
  private readonly velocities = new Slots();
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(private readonly schedule: LearningRateSchedule, { momentum = 0, nesterov = false }: Omit<SgdSpec, 'type' | 'learningRate'> = {}) {
    super();
    this.momentum = requireOption('SGD', 'momentum', momentum, (v) => v >= 0 && v <= 1, 'between 0 and 1');
    this.nesterov = nesterov;
  }

  get steps(): number {
    return this.step;
  }

  override applyGradients(grads: Gradients): void {
    const lr = this.schedule(this.step);
    const mu = this.momentum;
    tf.tidy(() => {
      for (const [name, g] of gradientEntries(grads)) {
        if (g == null) continue;
        const w = variableNamed(name);
        const step = tf.mul(g, lr);
        if (mu === 0) {
          w.assign(tf.sub(w, step));
          continue;
        }
        const v = this.velocities.of(name, w);
        const next = tf.sub(tf.mul(v, mu), step);
        v.assign(next);
        w.assign(tf.add(w, this.nesterov ? tf.sub(tf.mul(next, mu), step) : next));
      }
    });
    this.step += 1;
    this.incrementIterations();
  }

  override dispose(): void {
    super.dispose();
    this.velocities.dispose();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { momentum: this.momentum, nesterov: this.nesterov };
  }
}

export const sgd = defineOptimizer<SgdSpec>({
  type: 'SGD',
  schema: {
    description: 'keras.optimizers.SGD: v ← momentum·v − lr·g; w ← w + v (Nesterov: w ← w + momentum·v − lr·g). Defaults: learningRate 0.01, momentum 0, nesterov false.',
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: {
      type: { const: 'SGD' },
      learningRate: { $ref: '#/definitions/learningRate' },
      momentum: { type: 'number', minimum: 0, maximum: 1 },
      nesterov: { type: 'boolean' },
    },
  },
  defaultLearningRate: 0.01,
  create: ({ type: _type, learningRate: _lr, ...options }, schedule) => new KerasSgd(schedule, options),
});
