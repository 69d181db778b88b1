import type { LayerSpec } from '@fitcheck/core';
import type { Lang } from '../messages/locale.js';
import type { Visibility } from '../results/gradescope-spec.js';

/**
 * A lab as the grader reads it from `grading/labs/<id>/lab.yaml` (schema:
 * `apps/grader/schemas/lab.schema.json`). Model keys are `<dataset>.<name>`, e.g. `cats.large`.
 */
export interface LabDefinition {
  id: string;
  /** In English; `translations` holds the other languages. */
  title: string;
  /** Language of reports, findings and CLI tables when `--lang` is not given (default `en`). */
  lang?: Lang;
  translations?: Partial<Record<Lang, { title: string }>>;
  /**
   * `schema`: the submission's JSON Schema, a file beside lab.yaml (made an absolute path by
   * `loadLab`) or one of `apps/grader/schemas/`. `starter`: the submission students start from;
   * `reference`: a correct submission folder (`fitcheck demo`); `calibration`: the calibration corpus
   * folder (`pnpm calibrate`); all relative to the repository root.
   */
  submission: { files: string[]; schema: string; starter?: string; reference?: string; calibration?: string };
  training: TrainingSetup;
  datasets: Record<string, DatasetDefinition>;
  /** The lab's own (fixed) models, e.g. the notebook's Tiny…Combined. */
  models: Record<string, { dataset: string; layers: LayerSpec[] }>;
  /** Models the student submits, with the parameter budget (and forward FLOPs-per-sample budget) of each. */
  studentModels: Record<string, { dataset: string; budget: number; flopBudget?: number }>;
  profiles: Record<string, Profile>;
  /** Gradescope leaderboard columns, each a fact of one model's run (results.json `leaderboard`). */
  leaderboard?: LeaderboardColumn[];
  /** How `fitcheck gradescope build` packs the lab. */
  gradescope?: { profile?: string; timeoutMinutes?: number; pdf?: boolean; worstCase?: string };
  /** How the report groups, plots and diagnoses the runs (default: `defaultReportGroups`). */
  report?: { groups: ReportGroupDefinition[] };
}

/** One group of runs the report plots together (and may diagnose), as lab.yaml declares it. */
export interface ReportGroupDefinition {
  id: string;
  /** In English; `translations` holds the other languages. */
  title: string;
  translations?: Partial<Record<Lang, { title: string }>>;
  /** Which runs belong here: every condition given holds. */
  match: { dataset?: string; regularized?: boolean; models?: string[] };
  /** The lab's models whose cached reference runs this group draws beside the student's (the notebook's comparison). */
  references?: string[];
  /** The reference each of the student's runs here is compared with in the diagnosis (one of `references`). */
  baseline?: string;
  /** Default: BCE, then accuracy. */
  charts?: ChartPlan[];
  diagnosis?: DiagnosisKind;
}

/** One chart of a group: a Keras metric's training and validation curves. */
export interface ChartPlan {
  metric: 'binary_crossentropy' | 'accuracy' | 'loss';
  yDomain?: [number, number];
  /** Log-scale epochs from this one. */
  logXFrom?: number;
}

/** What the report's diagnosis says about a group's runs. */
export type DiagnosisKind = 'overfitting';

/** The model facts a leaderboard column may show (results.json `extra_data.models[]`). */
export const LEADERBOARD_FACTS = ['bestValBce', 'finalValBce', 'gap', 'params', 'epochsRun'] as const;
export type LeaderboardFact = (typeof LEADERBOARD_FACTS)[number];

/** One leaderboard column: `fact` of `model`'s run (the first seed's), ranked by `order` (default `asc` for a BCE or a gap). */
export interface LeaderboardColumn {
  name: string;
  model: string;
  fact: LeaderboardFact;
  order?: 'asc' | 'desc';
}

export interface TrainingSetup {
  loss: 'binaryCrossentropyFromLogits';
  optimizer: 'adam';
  /** Keras InverseTimeDecay, with `decay_steps = stepsPerEpoch × decayEpochs`. */
  learningRate: { initialLearningRate: number; decayEpochs: number; decayRate: number; staircase: boolean };
  earlyStopping: { monitor: 'val_binary_crossentropy'; minDelta?: number; restoreBestWeights?: boolean };
}

export interface DatasetDefinition {
  /** A dataset kind of `apps/grader/src/datasets/kinds/` (how the data is read, split and described). */
  kind: string;
  /** Paths are relative to the repository root. */
  file?: string;
  holdout?: string;
  dir?: string;
  /** The dataset's files only TAs have (`fitcheck template` leaves them out). */
  taOnly?: ('file' | 'holdout' | 'dir')[];
  inputShape: number[];
}

export interface DatasetProfile {
  batchSize: number;
  trainRows?: number;
  validationRows?: number;
  validationFraction?: number;
  holdout?: boolean;
}

export interface Profile {
  /** In English; `translations` holds the other languages. */
  description: string;
  translations?: Partial<Record<Lang, { description: string }>>;
  /** Only TAs grade with it: `fitcheck template` leaves it out of the students' lab. */
  taOnly?: boolean;
  seed: number;
  maxEpochs: number;
  patience: number;
  /** Student model keys trained in this profile. */
  train: string[];
  /** `final` (default): runs decide pass and fail; `provisional`: a short run decides only passes. */
  verdicts?: 'final' | 'provisional';
  /** Most seeds a close or failing verdict trains, the majority deciding (default 1). */
  seeds?: number;
  datasets: Record<string, DatasetProfile>;
  /** Per-model training budgets; a model past one scores 0 for its item (default: `DEFAULT_LIMITS`). */
  limits?: ProfileLimits;
}

/** What one model's training may use: wall-clock seconds (TF.js start-up included) and resident memory. */
export interface ProfileLimits {
  modelSeconds: number;
  modelMemoryMb: number;
  /** Per dataset, the largest model (in parameters) `modelMemoryMb` holds; a larger one stops the grade (`PROFILE_TOO_SMALL`). */
  modelParams?: Record<string, number>;
}

export interface RubricItem {
  number: string;
  /** In English; `translations` holds the other languages. */
  name: string;
  translations?: Partial<Record<Lang, { name: string }>>;
  points: number;
  manual?: boolean;
  /** When students see this item's test on Gradescope (default: the rubric's `visibility`; `after_published` for a TA-only item). */
  visibility?: Visibility;
  /** Hidden from students: left out of the rubric `fitcheck template` gives them. */
  taOnly?: boolean;
  /** A rubric check's name (`checks/rubric/`); `loadLab` refuses any other. */
  check: string;
  /** The check's parameters, validated against its schema by `loadLab`. */
  with?: Record<string, unknown>;
}

export interface Rubric {
  lab: string;
  /** When students see the tests on Gradescope (default `visible`). */
  visibility?: Visibility;
  /** When students see run_autograder's output on Gradescope (default `hidden`). */
  stdoutVisibility?: Visibility;
  items: RubricItem[];
}

/** A lab folder, loaded and validated. */
export interface Lab {
  dir: string;
  definition: LabDefinition;
  rubric: Rubric;
}
