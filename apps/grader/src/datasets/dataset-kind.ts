import { isAbsolute, join } from 'node:path';
import { entries, type LabeledArrays } from '@fitcheck/core';
import type { DownloadProgress, DownloadResult } from '@fitcheck/datasets';
import type { DatasetFacts } from '../checks/facts.js';
import { GraderError } from '../errors.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { DatasetDefinition, DatasetProfile } from '../lab/types.js';
import type { DatasetSection } from '../submission/types.js';
import type { Line } from '../messages/text.js';
import { text } from '../messages/text.js';

/** A dataset ready for `fit`: training and validation arrays, the test set when it has one. */
export interface RunData {
  train: LabeledArrays;
  validation: LabeledArrays;
  test?: LabeledArrays;
  /** Class names by label, e.g. `['non-cat', 'cat']`. */
  classes: string[];
  batchSize: number;
  facts: DatasetFacts;
  /** One line saying what was used, printed before training in the reader's language. */
  description: Line;
}

/** The paths a dataset of lab.yaml may give (relative to the repository root). */
export const DATASET_PATHS = ['file', 'holdout', 'dir'] as const;
export type DatasetPath = (typeof DATASET_PATHS)[number];

/** What a kind's `load` reads: the lab's dataset, the profile's scale of it, the run's seed, the submission's section. */
export interface DatasetRequest {
  /** The dataset's name in the lab (`higgs`). */
  name: string;
  dataset: DatasetDefinition;
  profile: DatasetProfile;
  seed: number;
  section?: DatasetSection;
}

/**
 * One kind of dataset a lab.yaml may name (`kind: higgs`), in one module: the paths it reads
 * (`loadLab` refuses a dataset without them, at its `lab.yaml:line:col`) and how it loads, splits
 * and describes the data a profile asks for.
 */
export interface DatasetKind {
  /** What lab.yaml says (`kind: cats`). */
  name: string;
  /** Paths every dataset of this kind must give. */
  requires: readonly DatasetPath[];
  /** Paths it may give besides. */
  optional?: readonly DatasetPath[];
  load(request: DatasetRequest): Promise<RunData>;
  /** What `fitcheck data fetch <kind>` downloads, for a kind whose full data is too large to ship. */
  download?: DatasetDownload;
}

/** A kind's full data file on the web: where it is, and how it is fetched (resumed, size and checksum checked). */
export interface DatasetDownload {
  /** What it writes in the destination folder, e.g. `HIGGS.csv.gz` (2.6 GB). */
  what: string;
  defaultUrl: string;
  fetch(options: { destDir: string; url?: string; sha256?: string; onProgress?: (progress: DownloadProgress) => void }): Promise<DownloadResult>;
}

const kinds = entries<DatasetKind>();

/** Declares a dataset kind; its module's file is named as the kind (`higgs.ts` for `kind: higgs`). */
export function defineDatasetKind(kind: DatasetKind): DatasetKind {
  return kinds.add(kind);
}

/** Whether a value is a kind `defineDatasetKind` declared (the registry collects exactly these). */
export const isDatasetKind = kinds.is;

/** A path of the lab's dataset, absolute (lab paths are relative to the repository root). */
export function datasetPath(dataset: DatasetDefinition, what: DatasetPath): string {
  const path = dataset[what];
  // loadLab refuses a dataset without the paths its kind requires: reaching this is the grader's bug.
  if (path === undefined) throw new GraderError('INVALID_LAB', text('errLab.datasetNoPath', { kind: dataset.kind, what }));
  return isAbsolute(path) ? path : join(REPO_ROOT, path);
}

/** The facts the rubric reads of loaded data: sample shape, the training values' range, split sizes. */
export function datasetFacts(train: LabeledArrays, validation: LabeledArrays, test: LabeledArrays | undefined, source: DatasetFacts['validation']): DatasetFacts {
  let min = Infinity;
  let max = -Infinity;
  for (const v of train.x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    sampleShape: train.shape.slice(1),
    min, max,
    trainSamples: train.shape[0] ?? 0,
    validationSamples: validation.shape[0] ?? 0,
    testSamples: test?.shape[0] ?? 0,
    validation: source,
  };
}
