import * as tf from '@tensorflow/tfjs-core';
import type { LearningRateSchedule } from '../schedules/types.js';
import { requireOption } from './check-option.js';
import { gradientEntries, Slots, variableNamed } from './slots.js';
import type { LearningRateSpec } from '../schedules/from-spec.js';
import { defineOptimizer, type ScheduledOptimizer } from './types.js';

declare module './types.js' {
  interface OptimizerSpecs {
    RMSprop: RmspropSpec;
  }
}

/** Keras' `RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)`. */
export interface RmspropSpec {
  type: 'RMSprop';
  learningRate?: LearningRateSpec;
  rho?: number;
  momentum?: number;
  epsilon?: number;
  centered?: boolean;
}

type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];

/**
 * Keras 3's `RMSprop` (`keras/src/optimizers/rmsprop.py`), with lr = `schedule(step)`:
 *   `s ← ρ·s + (1 − ρ)·g²`; centered: `ḡ ← ρ·ḡ + (1 − ρ)·g`, `d = s − ḡ² + ε`, else `d = s + ε`;
 *   `Δ = lr·g / √d`; momentum μ > 0: `m ← μ·m + Δ`, `w ← w − m`, else `w ← w − Δ`.
 * ε sits inside the square root, as in Keras (TF.js' `RMSPropOptimizer` always keeps a momentum
 * slot and, centered, subtracts ε with ḡ²).
 */
export class KerasRmsprop extends tf.Optimizer implements ScheduledOptimizer {
  static readonly className = 'KerasRMSprop';
  private step = 0;
  private readonly velocities = new Slots();
  private readonly averages = new Slots();
  private readonly momentums = new Slots();
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(
    private readonly schedule: LearningRateSchedule,
    { rho = 0.9, momentum = 0, epsilon = 1e-7, centered = false }: Omit<RmspropSpec, 'type' | 'learningRate'> = {},
  ) {
    super();
    this.rho = requireOption('RMSprop', 'rho', rho, (v) => v >= 0 && v <= 1, 'between 0 and 1');
    this.momentum = requireOption('RMSprop', 'momentum', momentum, (v) => v >= 0 && v <= 1, 'between 0 and 1');
    this.epsilon = requireOption('RMSprop', 'epsilon', epsilon, (v) => v > 0, 'a number > 0');
    this.centered = centered;
  }

  get steps(): number {
    return this.step;
  }

  override applyGradients(grads: Gradients): void {
    const lr = this.schedule(this.step);
    const { rho, momentum: mu, epsilon, centered } = this;
    tf.tidy(() => {
      for (const [name, g] of gradientEntries(grads)) {
        if (g == null) continue;
        const w = variableNamed(name);
        const s = this.velocities.of(name, w);
        s.assign(tf.add(tf.mul(s, rho), tf.mul(tf.square(g), 1 - rho)));
        let denominator: tf.Tensor;
        if (centered) {
          const avg = this.averages.of(name, w);
          avg.assign(tf.add(tf.mul(avg, rho), tf.mul(g, 1 - rho)));
          denominator = tf.add(tf.sub(s, tf.square(avg)), epsilon);
        } else {
          denominator = tf.add(s, epsilon);
        }
        const increment = tf.div(tf.mul(g, lr), tf.sqrt(denominator));
        if (mu > 0) {
          const m = this.momentums.of(name, w);
          m.assign(tf.add(tf.mul(m, mu), increment));
          w.assign(tf.sub(w, m));
        } else {
          w.assign(tf.sub(w, increment));
        }
      }
    });
    this.step += 1;
    this.incrementIterations();
  }

  override dispose(): void {
    super.dispose();
    for (const slots of [this.velocities, this.averages, this.momentums]) slots.dispose();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}

export const rmsprop = defineOptimizer<RmspropSpec>({
  type: 'RMSprop',
  schema: {
    description: 'keras.optimizers.RMSprop: s ← rho·s + (1 − rho)·g²; w ← w − lr·g / √(s + epsilon). Defaults: learningRate 0.001, rho 0.9, momentum 0, epsilon 1e-7, centered false.',
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: {
      type: { const: 'RMSprop' },
      learningRate: { $ref: '#/definitions/learningRate' },
      rho: { type: 'number', minimum: 0, maximum: 1 },
      momentum: { type: 'number', minimum: 0, maximum: 1 },
      epsilon: { type: 'number', exclusiveMinimum: 0 },
      centered: { type: 'boolean' },
    },
  },
  defaultLearningRate: 0.001,
  create: ({ type: _type, learningRate: _lr, ...options }, schedule) => new KerasRmsprop(schedule, options),
});
