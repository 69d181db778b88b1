import type { TrainingError } from '../run/training-error.js';
import type { ReferenceRun } from '../references/reference-entry.js';
import type { Activation, History, InferredLayer, ModelSpec, OptimizerSpec } from '@fitcheck/core';
import type { Finding } from '../findings/types.js';
import type { LabDefinition } from '../lab/types.js';
import type { Submission } from '../submission/types.js';

/** What is known about one model before any training (shapes alone, nothing allocated). */
export interface StaticFacts {
  params: number;
  /** Forward FLOPs for one sample (core's `inferShapes`). */
  flopsPerSample: number;
  /** Training FLOPs per epoch ≈ 3 × forward FLOPs × training samples (forward + two backward matmuls). */
  flopsPerEpoch: number | null;
  layers: InferredLayer[];
  outputShape: (number | null)[];
  /** Activation of the last Dense layer (`linear` = logits). */
  outputActivation: Activation;
  hasWeightPenalty: boolean;
  hasDropout: boolean;
}

/** One training run, summarized from its Keras-shaped history. */
export interface TrainingFacts {
  epochsRun: number;
  /** Where the smoothed validation BCE is lowest (`historyFacts`). */
  bestEpoch: number | null;
  stoppedEarly: boolean;
  /** Training stopped once its rubric verdict could no longer change (`settle` in `trainModel`). */
  settled?: boolean;
  /** The lowest smoothed validation BCE. */
  bestValBce: number | null;
  /** The last epoch's BCEs, as Keras logged them. */
  finalTrainBce: number | null;
  finalValBce: number | null;
  /** Smoothed validation − training BCE at the end of the run: how far the model overfits. */
  gap: number | null;
  /** Smoothed validation and training BCE at the end of the run (what `gap` subtracts). */
  smoothedFinalValBce: number | null;
  smoothedFinalTrainBce: number | null;
  trainSamples: number;
  validationSamples: number;
  seconds: number;
  backend: string;
  history: History;
}

export interface ModelFacts {
  key: string;
  /** From the submission, or the lab's own (fixed) model. */
  source: 'submission' | 'lab';
  /** Null when the student left the ToDo empty. */
  spec: ModelSpec | null;
  /** The optimizer the submission gives it (absent: the lab's `training` optimizer). */
  optimizer?: OptimizerSpec;
  budget?: number;
  static?: StaticFacts;
  /** Static problems: a model with an `error` here is never built. */
  staticFindings: Finding[];
  training?: TrainingFacts;
  /** Why training stopped without a result (`TRAINING_DIVERGED` keeps its history in `training`). */
  trainingError?: TrainingError;
  /** Raw model outputs on the test set and the labels, for the report check. */
  testOutputs?: { outputs: Float32Array; labels: Float32Array; classes: string[] };
  /** The seed `training` ran with. */
  seed?: number;
  /** Runs with further seeds, trained where a verdict was close or failing (the profile's `seeds`). */
  extraRuns?: SeedRun[];
}

/** One more training run of a model, with another seed. */
export interface SeedRun {
  seed: number;
  training?: TrainingFacts;
  error?: { code: string; message: string };
}

/**
 * What the profile's runs can decide (`verdicts` and `seeds` of a lab.yaml profile): a `final` run
 * decides pass and fail; a `provisional` one (a student's short check) only what it shows.
 */
export interface VerdictPolicy {
  final: boolean;
  /** Most seeds a verdict may use, the profile's seed first. */
  seeds: number;
  seed: number;
  maxEpochs: number;
}

/** The preprocessed arrays of a dataset as the run used them. */
export interface DatasetFacts {
  /** Shape of one sample after the student's preprocess. */
  sampleShape: number[];
  min: number;
  max: number;
  trainSamples: number;
  validationSamples: number;
  testSamples: number;
  /** Where the validation data came from: a held-out split, the test set, or file rows. */
  validation: 'split' | 'test' | 'rows' | 'holdout';
}

/** Everything the rubric checks read: pure data, so each check is a pure function. */
export interface RunFacts {
  lab: LabDefinition;
  profile: string;
  verdicts: VerdictPolicy;
  submission: Submission;
  models: Record<string, ModelFacts>;
  datasets: Record<string, DatasetFacts>;
  /** The lab's fixed models' runs at this profile and seed (the notebook's comparison), by model key; the report draws them beside the student's. */
  references?: Record<string, ReferenceRun>;
}
