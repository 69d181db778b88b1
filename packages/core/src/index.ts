// Public API of @fitcheck/core. Named re-exports only; one block per folder.
export { FitcheckError, isFitcheckError, ownerIn, CORE_ERRORS, OWNERS, type CoreErrorCode, type ErrorPlace, type ErrorWords, type Sentence, type Owner } from './errors.js';
export { fit } from './training/fit.js';
export { predictLogits } from './training/predict.js';
export { TrainingDivergedError } from './training/diverged.js';
export { AdamWithSchedule, type AdamOptions } from './training/adam-with-schedule.js';
export { earlyStopping, type EarlyStoppingOptions, type EarlyStoppingState } from './training/callbacks/early-stopping.js';
export { progressReporter, formatLogs, type ProgressOptions } from './training/callbacks/progress.js';
export { scalarLog, type ScalarWriter } from './training/callbacks/scalar-log.js';
export {
  METRIC_NAMES, type Callback, type EpochLogs, type FitOptions, type FitResult, type History, type LabeledArrays,
  type MetricName, type TrainingContext,
} from './training/types.js';
// spec/ model/ config/ — model specs, static shapes, TF.js models, Keras summary, config loading.
export {
  ACTIVATIONS, INITIALIZERS, type Activation, type Initializer, type RegularizerSpec, type LayerSpec, type LayerType, type ModelSpec,
} from './spec/types.js';
// layers/ — one module per layer type: spec, schema, hyperparameter rules, shapes, build, Keras import, facts.
export { LAYER_TYPES, KERAS_CLASS_NAMES, layerType, kerasLayerType, layerFacts, layerProblems } from './layers/index.js';
export {
  defineLayer, type LayerType as LayerTypeModule, type AnyLayerType, type LayerFacts, type HyperparameterProblem,
  type KerasIssue, type KerasLayerInput, type BuildContext, type InferStep,
} from './layers/layer-type.js';
export { typedNumber, importActivation } from './layers/keras-values.js';
export type { DenseSpec } from './layers/dense.js';
export type { DropoutSpec } from './layers/dropout.js';
export type { FlattenSpec } from './layers/flatten.js';
export type { ReshapeSpec } from './layers/reshape.js';
export { inferShapes, type InferredLayer, type InferredModel, type Shape } from './spec/infer-shapes.js';
export { kerasLayerNames, layerNameProblem, duplicateLayerName } from './spec/layer-names.js';
export { parseModelSpec, loadModelSpec } from './spec/parse-model-spec.js';
export { modelSpecSchema, modelSpecSchemaPath } from './spec/schema.js';
export { buildModel, type BuildModelOptions } from './model/build-model.js';
export { SeededDropout, type SeededDropoutArgs } from './model/seeded-dropout.js';
export { formatSummary, renderSummary, type SummaryOptions } from './model/summary.js';
export {
  loadConfigText, loadConfigFile, readIssue, type LoadConfigOptions, type LoadConfigFileOptions, type LoadedConfig,
} from './config/load-config.js';
export { FILE_ERROR, readTextFile, isInside, type FileErrorCode, type ReadTextFileOptions } from './files/read-text-file.js';
export { discoverModules, entries, type Registry } from './files/discover-modules.js';
export { excerptLines, formatIssue, sourceExcerpt, type ConfigIssue } from './config/issue.js';
export type { IssueParams } from './config/ajv-messages.js';

// metrics: Keras' binary metrics and scikit-learn's classification metrics on plain arrays
export { binaryCrossentropy, KERAS_EPSILON, type BinaryCrossentropyOptions } from './metrics/binary-crossentropy.js';
export { binaryAccuracy, type BinaryAccuracyOptions } from './metrics/binary-accuracy.js';
export { accuracyScore } from './metrics/accuracy-score.js';
export { confusionMatrix, type ConfusionMatrixOptions } from './metrics/confusion-matrix.js';
export {
  precisionRecallFscoreSupport,
  type Average,
  type ZeroDivision,
  type PrecisionRecallFscoreOptions,
  type PrecisionRecallFscorePerClass,
  type PrecisionRecallFscoreAveraged,
} from './metrics/precision-recall-fscore-support.js';
export {
  classificationReport,
  type ClassificationReportOptions,
  type ClassificationReportRow,
  type ClassificationReportDict,
  type ClassificationReportResult,
} from './metrics/classification-report.js';
export type { Label } from './metrics/labels.js';

// schedules: Keras learning-rate schedules as (step) => rate
export type { LearningRateSchedule } from './schedules/types.js';
export { inverseTimeDecay, type InverseTimeDecayOptions } from './schedules/inverse-time-decay.js';
export { exponentialDecay, type ExponentialDecayOptions } from './schedules/exponential-decay.js';
export { piecewiseConstantDecay, type PiecewiseConstantDecayOptions } from './schedules/piecewise-constant-decay.js';
export { cosineDecay, type CosineDecayOptions } from './schedules/cosine-decay.js';
export {
  learningRateSchedule, SCHEDULE_TYPES, type LearningRateSpec, type ScheduleSpec, type ScheduleType,
} from './schedules/from-spec.js';

// optimizers: Keras 3's SGD, RMSprop and Adam as data, one module each (spec, schema, update rule)
export { OPTIMIZERS, OPTIMIZER_TYPES, createOptimizer, learningRateOf } from './optimizers/index.js';
export { KerasSgd, type SgdSpec } from './optimizers/sgd.js';
export { KerasRmsprop, type RmspropSpec } from './optimizers/rmsprop.js';
export type { AdamSpec } from './optimizers/adam.js';
export { defineOptimizer } from './optimizers/types.js';
export type {
  AnyOptimizerModule, OptimizerModule, OptimizerSpec, OptimizerSpecs, OptimizerType, ScheduledOptimizer,
} from './optimizers/types.js';
export { optimizerSchema, optimizerSchemaPath } from './optimizers/schema.js';

// curves: the lab's smoothing of training curves and their epoch-to-epoch noise
export { smooth, smoothingNoiseFactors } from './curves/smooth.js';
export { curveNoise } from './curves/curve-noise.js';
export { pointerPosition, type LineCol } from './config/positions.js';
export { initBackend, backendInfo, resolveThreads } from './backend/init-backend.js';
export { nodeBindingProblem } from './backend/load-node.js';
export { ENV_ERROR, backendEnvironment, type BackendEnvironment } from './backend/environment.js';
export { BACKEND_NAMES, type BackendInfo, type BackendName, type InitBackendOptions } from './backend/types.js';
