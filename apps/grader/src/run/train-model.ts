import { buildModel, earlyStopping, fit, inverseTimeDecay, isFitcheckError, learningRateOf, learningRateSchedule, predictLogits, TrainingDivergedError } from '@fitcheck/core';
import type { Callback, EpochLogs, LearningRateSchedule, ModelSpec, OptimizerSpec } from '@fitcheck/core';
import type { TrainingFacts } from '../checks/facts.js';
import { runSummary } from '../checks/history-facts.js';
import type { SettleRule } from '../checks/types.js';
import { overfittingEvidence } from '../checks/verdicts/overfitting.js';
import type { TrainingSetup } from '../lab/types.js';
import type { TrainingError } from './training-error.js';
import type { RunData } from './load-data.js';

export interface TrainSettings {
  setup: TrainingSetup;
  /** The submission's own optimizer for this model, with its own learning rate; default the lab's `setup`. */
  optimizer?: OptimizerSpec;
  maxEpochs: number;
  patience: number;
  seed: number;
  backend: string;
  /** Also compute the raw outputs on the test set (for the report check). */
  withTestOutputs?: boolean;
  /** Stop as soon as the run shows what its rubric items ask (`CheckDefinition.settles`). */
  settle?: SettleRule;
  onEpoch?: (epoch: number, logs: EpochLogs) => void;
}

export interface TrainOutcome {
  training?: TrainingFacts;
  error?: TrainingError;
  testOutputs?: Float32Array;
  /** The failure's stack trace, for `--debug` only (never shown to a student). */
  stack?: string;
}

/**
 * Builds and trains one model with the lab's setup: Adam on an InverseTimeDecay schedule
 * (`lr = lr0 / (1 + rate · step / (stepsPerEpoch · decayEpochs))`), or the optimizer and learning
 * rate the submission gives the model (Keras' default rate when it gives none); early stopping on
 * `val_binary_crossentropy`. Never throws: a diverging or failing run comes back as `error`
 * (a diverged run keeps its history), so one model cannot lose another's results.
 */
export async function trainModel(spec: ModelSpec, data: RunData, settings: TrainSettings): Promise<TrainOutcome> {
  const started = performance.now();
  const stepsPerEpoch = Math.ceil((data.train.shape[0] ?? 0) / data.batchSize);
  const learningRate = settings.optimizer ? learningRateSchedule(learningRateOf(settings.optimizer)) : labSchedule(settings.setup, stepsPerEpoch);
  const progress: Callback = { onEpochEnd: (epoch, logs) => settings.onEpoch?.(epoch, logs) };
  let settled = false;
  // Decided on the epochs so far, in the child: the same epochs stop the same run on every machine.
  const settle: Callback = {
    onEpochEnd: (_epoch, _logs, ctx) => {
      if (settings.settle === 'overfitting' && overfittingEvidence(ctx.history).verdict === 'pass') {
        settled = true;
        ctx.stopTraining = true;
      }
    },
  };
  let model;
  try {
    model = buildModel(spec, { seed: settings.seed });
    const result = await fit(model, { train: data.train, validation: data.validation }, {
      spec,
      epochs: settings.maxEpochs,
      batchSize: data.batchSize,
      seed: settings.seed,
      learningRate,
      ...(settings.optimizer && { optimizer: settings.optimizer }),
      callbacks: [
        earlyStopping({
          monitor: settings.setup.earlyStopping.monitor,
          patience: settings.patience,
          minDelta: settings.setup.earlyStopping.minDelta ?? 0,
          mode: 'min',
          restoreBestWeights: settings.setup.earlyStopping.restoreBestWeights ?? false,
        }),
        settle,
        progress,
      ],
    });
    // Best epoch and gap as the rubric and the report read them: one function for all three.
    const training: TrainingFacts = {
      epochsRun: result.epochsRun,
      stoppedEarly: result.stoppedEarly,
      ...(settled ? { settled } : {}),
      ...runSummary(result.history),
      trainSamples: data.train.shape[0] ?? 0,
      validationSamples: data.validation.shape[0] ?? 0,
      seconds: (performance.now() - started) / 1000,
      backend: settings.backend,
      history: result.history,
    };
    const testOutputs = settings.withTestOutputs && data.test ? await predictLogits(model, data.test) : undefined;
    return { training, ...(testOutputs ? { testOutputs } : {}) };
  } catch (e) {
    return { error: trainingError(e), ...(e instanceof Error && e.stack !== undefined ? { stack: e.stack } : {}) };
  } finally {
    model?.dispose();
  }
}

/** The lab's own schedule: InverseTimeDecay with `decay_steps = stepsPerEpoch × decayEpochs`. */
function labSchedule(setup: TrainingSetup, stepsPerEpoch: number): LearningRateSchedule {
  const lr = setup.learningRate;
  return inverseTimeDecay({
    initialLearningRate: lr.initialLearningRate,
    decaySteps: stepsPerEpoch * lr.decayEpochs,
    decayRate: lr.decayRate,
    staircase: lr.staircase,
  });
}

/**
 * Why training stopped, as a code whose owner (`ownerOf`) says who pays: a FitcheckError keeps its
 * code (`TRAINING_DIVERGED` is the student's, `BACKEND_UNAVAILABLE` the machine's); anything else is
 * `TRAINING_ERROR`, the grader's — a model that passed the static checks should train, so an error
 * fitcheck did not foresee is never charged to the student.
 */
export function trainingError(e: unknown): TrainingError {
  const message = e instanceof Error ? e.message : String(e);
  if (!isFitcheckError(e)) return { code: 'TRAINING_ERROR', message };
  const params = e instanceof TrainingDivergedError ? { epoch: e.epoch, metric: e.metric } : undefined;
  return { code: e.code, message, ...(e.hint !== undefined && { hint: e.hint }), ...(params && { params }), ...(e.words && { words: e.words }) };
}

