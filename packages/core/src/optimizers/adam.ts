import type { LearningRateSpec } from '../schedules/from-spec.js';
import { AdamWithSchedule } from '../training/adam-with-schedule.js';
import { requireOption } from './check-option.js';
import { defineOptimizer } from './types.js';

declare module './types.js' {
  interface OptimizerSpecs {
    Adam: AdamSpec;
  }
}

/** Keras' `Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)`. */
export interface AdamSpec {
  type: 'Adam';
  learningRate?: LearningRateSpec;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Keras 3's `Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)`: the training
 * loop's Adam (`AdamWithSchedule`, with the fused wasm step where the backend has it).
 */
export const adam = defineOptimizer<AdamSpec>({
  type: 'Adam',
  schema: {
    description: 'keras.optimizers.Adam: m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; w ← w − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m / (√v + epsilon). Defaults: learningRate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.',
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: {
      type: { const: 'Adam' },
      learningRate: { $ref: '#/definitions/learningRate' },
      beta1: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
      beta2: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
      epsilon: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  defaultLearningRate: 0.001,
  create: ({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 }, schedule) => new AdamWithSchedule(schedule, {
    beta1: requireOption('Adam', 'beta1', beta1, (v) => v >= 0 && v < 1, 'in [0, 1)'),
    beta2: requireOption('Adam', 'beta2', beta2, (v) => v >= 0 && v < 1, 'in [0, 1)'),
    epsilon: requireOption('Adam', 'epsilon', epsilon, (v) => v > 0, 'a number > 0'),
  }),
});
