import type { History, Owner } from '@fitcheck/core';
import type { ResultsFinding } from '../findings/types.js';
import type { ChartPlan, DiagnosisKind } from '../lab/types.js';
import type { Lang } from '../messages/locale.js';
import type { TestStatus } from '../results/test-status.js';

/** How a ToDo was scored: results.json's test status (`auto`, `pending`, `manual`, `undecided`). */
export type TodoStatus = TestStatus;

/** One rubric item (a ToDo) as the report's score table shows it. */
export interface TodoRow {
  /** Rubric number, e.g. "1" or "2.a". */
  number: string;
  name: string;
  /** Null while a manual item is pending. */
  score: number | null;
  max: number;
  status: TodoStatus;
  /** The check's message (Gradescope `output`). */
  output?: string;
}


/**
 * A group of runs the report plots together (lab.yaml's `report.groups`, e.g. lab 5's size sweep,
 * regularizers and cat models): its heading in each language, its charts, and which diagnosis its
 * runs get.
 */
export interface ReportGroup {
  id: string;
  title: string;
  translations?: Partial<Record<Lang, { title: string }>>;
  charts: ChartPlan[];
  diagnosis?: DiagnosisKind;
  /** The lab's models whose reference runs the group draws beside the student's. */
  references?: string[];
  /** The reference the diagnosis compares the student's runs in this group with. */
  baseline?: string;
}

/** One trained model's Keras-shaped history, labelled with the model's name. */
export interface NamedRun {
  name: string;
  history: History;
  /** A reference run of the lab's own model (the notebook's), not the student's. */
  reference?: boolean;
}

export interface LearningRatePoint {
  epoch: number;
  lr: number;
}

/** A model's Keras-style summary table, as core's `formatSummary` prints it. */
export interface ModelSummary {
  model: string;
  text: string;
}

/** A cat model's test-set evaluation: scikit-learn's report text and the 2×2 confusion matrix. */
export interface ClassificationSection {
  model: string;
  /** `classification_report` text, monospaced as scikit-learn prints it. */
  text: string;
  /** Class names in label order, e.g. ["non-cat", "cat"]. */
  labels: string[];
  /** `confusion[true][predicted]`, scikit-learn's `confusion_matrix` layout. */
  confusion: number[][];
}

/** A student's written answer, with the TA's comment and points once merged. */
export interface ReportAnswer {
  item: string;
  question?: string;
  text: string;
  comment?: string;
  points?: number;
  max?: number;
}

/** Everything one report shows; plain data, so the grader fills it from its results with a few lines. */
export interface ReportInput {
  student: string;
  lab: string;
  score: number;
  maxScore: number;
  todos: TodoRow[];
  /** The grader's findings, as results.json carries them. */
  findings: ResultsFinding[];
  /**
   * Set when nothing was scored: `invalid` (the submission could not be read; `lines` say where and
   * why) or `error` (the grade could not be computed, not the student's fault; `lines` say why).
   */
  notGraded?: { status: 'invalid' | 'error'; lines: string[]; fault?: { owner: Owner; code: string } };
  profile: string;
  seed: number;
  backend: string;
  graderVersion: string;
  /** ISO 8601 date-time of the grading run. */
  date: string;
  /** The trained runs by group id, in the order of `groups`. */
  runs: Record<string, NamedRun[]>;
  /** The lab's report groups (absent in a report recorded before they were data: one per key of `runs`). */
  groups?: ReportGroup[];
  /** The lab's model keys in a fixed order (its own models; the student's), so a model has the same colour in every report. */
  colorOrder?: { lab: string[]; student: string[] };
  learningRate?: LearningRatePoint[];
  summaries?: ModelSummary[];
  classification?: ClassificationSection[];
  answers?: ReportAnswer[];
  /** Smoothing std in epochs for the learning curves (the notebook's `smoothing_std`); 0 = raw. Default 10. */
  smoothingStd?: number;
}
