import { AdamWithSchedule } from '../training/adam-with-schedule.js';
import { requireOption } from './check-option.js';
import type { AdamSpec, OptimizerModule } from './types.js';

/**
 * Keras 3's `Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)`: the training
 * loop's Adam (`AdamWithSchedule`, with the fused wasm step where the backend has it).
 */
export const adam: OptimizerModule<AdamSpec> = {
  type: 'Adam',
  defaultLearningRate: 0.001,
  create: ({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 }, schedule) => new AdamWithSchedule(schedule, {
    beta1: requireOption('Adam', 'beta1', beta1, (v) => v >= 0 && v < 1, 'in [0, 1)'),
    beta2: requireOption('Adam', 'beta2', beta2, (v) => v >= 0 && v < 1, 'in [0, 1)'),
    epsilon: requireOption('Adam', 'epsilon', epsilon, (v) => v > 0, 'a number > 0'),
  }),
};
