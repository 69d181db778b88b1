import type { LayerSpec } from '@fitcheck/core';

/**
 * One model of a submission: a list of layers (the lab fixes the input shape) or a Keras
 * `model.to_json()` document — inline (text or object) or the path of a file in the folder.
 */
export interface SubmittedModel {
  layers?: LayerSpec[];
  keras?: string | Record<string, unknown>;
  name?: string;
}

/** How a report turns outputs into classes: `(sigmoid ? σ(out) : out) > threshold`. */
export interface ReportDeclaration {
  /** Model name within the dataset's section, e.g. `regularized`. */
  model: string;
  /** What the student says `model.predict` returns. */
  outputs: 'logits' | 'probabilities';
  sigmoid?: boolean;
  threshold: number;
}

/** What a submission says about one dataset of the lab (`higgs:`, `cats:`); `null` = ToDo left. */
export interface DatasetSection {
  models: Record<string, SubmittedModel | null>;
  preprocess?: { reshape: number[]; scale: number } | null;
  /** `split` = held-out training samples; `test` = the test set (leakage). */
  validation?: 'split' | 'test' | null;
  report?: ReportDeclaration | null;
}

/**
 * A submission file after schema validation (the schema its lab.yaml names under `apps/grader/schemas/`).
 * Model keys of the lab map onto it by convention: `cats.large` → `cats.models.large`.
 */
export interface Submission {
  lab: string;
  student: { name: string; id: string; email?: string };
  answers: Record<string, string | null>;
  sections: Record<string, DatasetSection>;
}
