// Public API of @fitcheck/core. Named re-exports only; one block per folder.
export { FitcheckError, isFitcheckError, type ErrorPlace } from './errors.js';
export { fit } from './training/fit.js';
export { predictLogits } from './training/predict.js';
export { TrainingDivergedError } from './training/diverged.js';
export { AdamWithSchedule } from './training/adam-with-schedule.js';
export { earlyStopping, type EarlyStoppingOptions, type EarlyStoppingState } from './training/callbacks/early-stopping.js';
export { progressReporter, formatLogs, type ProgressOptions } from './training/callbacks/progress.js';
export { scalarLog, type ScalarWriter } from './training/callbacks/scalar-log.js';
export {
  METRIC_NAMES, type Callback, type EpochLogs, type FitOptions, type FitResult, type History, type LabeledArrays,
  type MetricName, type TrainingContext,
} from './training/types.js';
