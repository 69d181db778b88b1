import { discoverModules } from '../files/discover-modules.js';
import { learningRateSchedule, type LearningRateSpec } from '../schedules/from-spec.js';
import { isOptimizerModule, optimizerFileName, type AnyOptimizerModule, type OptimizerSpec, type OptimizerType, type ScheduledOptimizer } from './types.js';

/**
 * Every optimizer type: what `defineOptimizer` made in a module of this folder, the file named as
 * the type in lower case (`sgd.ts`), found when core loads (docs/decisions/0012). The schema's
 * optimizer definitions (written by `pnpm build`; a test compares `schemas/optimizer.schema.json`)
 * and dispatch come from these.
 */
export const OPTIMIZERS: readonly AnyOptimizerModule[] = await discoverModules(
  new URL('./', import.meta.url),
  (url) => import(url),
  { is: isOptimizerModule, fileOf: (o) => optimizerFileName(o.type) },
);
export const OPTIMIZER_TYPES: readonly OptimizerType[] = OPTIMIZERS.map((o) => o.type as OptimizerType);

function moduleOf(type: OptimizerType): AnyOptimizerModule {
  const found = OPTIMIZERS.find((o) => o.type === type);
  // The schema admits only these types: another is a caller's bug.
  if (!found) throw new Error(`no optimizer named ${String(type)} (optimizers: ${OPTIMIZER_TYPES.join(', ')})`);
  return found;
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
