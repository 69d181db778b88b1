import { learningRateSchedule, type LearningRateSpec } from '../schedules/from-spec.js';
import { adam } from './adam.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';
import type { OptimizerModule, OptimizerSpec, OptimizerType, ScheduledOptimizer } from './types.js';

/** Every optimizer type, one module each; the schema's `type` enum is tested against this list. */
export const OPTIMIZERS = [sgd, rmsprop, adam] as const;
export const OPTIMIZER_TYPES: readonly OptimizerType[] = OPTIMIZERS.map((o) => o.type);

function moduleOf(type: OptimizerType): OptimizerModule {
  const found = OPTIMIZERS.find((o) => o.type === type);
  // The schema admits only these types: another is a caller's bug.
  if (!found) throw new Error(`no optimizer named ${String(type)}`);
  return found as OptimizerModule;
}

/** The spec's learning rate, or its optimizer's Keras default when it gives none. */
export function learningRateOf(spec: OptimizerSpec): LearningRateSpec {
  return spec.learningRate ?? moduleOf(spec.type).defaultLearningRate;
}

/**
 * The optimizer a spec describes, its learning rate following `schedule` when given (the lab's own
 * schedule), else the spec's `learningRate` (a constant or a schedule), else Keras' default.
 */
export function createOptimizer(spec: OptimizerSpec, schedule = learningRateSchedule(learningRateOf(spec))): ScheduledOptimizer {
  return moduleOf(spec.type).create(spec, schedule);
}
