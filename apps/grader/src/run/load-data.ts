import { isAbsolute, join } from 'node:path';

import { FitcheckError, type LabeledArrays } from '@fitcheck/core';
import { loadCats, loadHiggsHoldout, loadHiggsSplit, takeRows, validationSplit } from '@fitcheck/datasets';
import type { DatasetFacts } from '../checks/facts.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { DatasetDefinition, DatasetProfile } from '../lab/types.js';
import type { DatasetSection } from '../submission/types.js';
import { GraderError } from '../errors.js';
import { text, type Line, type Text } from '../messages/text.js';

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

/**
 * Loads one dataset of the lab as a profile scales it. HIGGS: validation = the first rows of
 * the file (or the holdout file), training = the rows after them. Cats: the student's
 * preprocess (scale, then reshape each image), validation = a seeded held-out split of the
 * training images, or the test set when the submission declared `validation: test`.
 */
export async function loadRunData(
  name: string,
  dataset: DatasetDefinition,
  profile: DatasetProfile,
  seed: number,
  section?: DatasetSection,
): Promise<RunData> {
  if (dataset.kind === 'higgs') return loadHiggs(name, dataset, profile);
  return loadCatData(name, dataset, profile, seed, section);
}

function repoPath(path: string | undefined, what: string): string {
  if (path === undefined) throw new GraderError('INVALID_LAB', `the lab's dataset has no ${what}`);
  return isAbsolute(path) ? path : join(REPO_ROOT, path);
}

async function loadHiggs(name: string, dataset: DatasetDefinition, profile: DatasetProfile): Promise<RunData> {
  const validationRows = profile.validationRows ?? 1000;
  const trainRows = profile.trainRows ?? 9000;
  const file = repoPath(dataset.file, 'file');
  const { train, validation: firstRows } = await loadHiggsSplit({ file, validationRows, trainRows });
  let validation = firstRows;
  let where: Text = text('plan.rowsOf', { count: validationRows, file: dataset.file ?? '' });
  if (profile.holdout) {
    // The held-out file replaces the first rows as validation; rows it shares with the training file are dropped.
    const holdout = await loadHiggsHoldout(repoPath(dataset.holdout, 'holdout file'), { dropDuplicateOf: file });
    const n = Math.min(validationRows, holdout.data.shape[0] ?? 0);
    validation = takeRows(holdout.data, Array.from({ length: n }, (_, i) => i));
    where = text('plan.holdoutRows', { count: n, file: dataset.holdout ?? '' });
  }
  const facts = factsOf(train, validation, undefined, profile.holdout ? 'holdout' : 'rows');
  return {
    train, validation, classes: ['background', 'signal'], batchSize: profile.batchSize, facts,
    description: text('plan.rows', { name, train: facts.trainSamples, validation: facts.validationSamples, where, batch: profile.batchSize }),
  };
}

async function loadCatData(name: string, dataset: DatasetDefinition, profile: DatasetProfile, seed: number, section?: DatasetSection): Promise<RunData> {
  const scale = section?.preprocess?.scale ?? 255;
  const sampleShape = section?.preprocess?.reshape ?? dataset.inputShape;
  const cats = await loadCats({ dir: repoPath(dataset.dir, 'dir'), flatten: false, scale });
  // Row-major arrays: reshaping one sample is only a new shape (the schema and the preprocess check keep the size right).
  const reshape = (d: LabeledArrays): LabeledArrays => ({ ...d, shape: [d.shape[0] ?? 0, ...sampleShape] });
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const perImage = cats.train.x.length / (cats.train.shape[0] ?? 1);
  if (size !== perImage) {
    throw new FitcheckError('SHAPE_MISMATCH', `${name}.preprocess.reshape [${sampleShape.join(', ')}] holds ${size} values; an image has ${perImage}`);
  }
  const test = reshape(cats.test);
  let train = reshape(cats.train);
  let validation: LabeledArrays;
  const source = section?.validation === 'test' ? 'test' : 'split';
  if (source === 'test') validation = test;
  else {
    const split = validationSplit(train, { fraction: profile.validationFraction ?? 0.2, seed });
    train = split.train;
    validation = split.validation;
  }
  const facts = factsOf(train, validation, test, source);
  return {
    train, validation, test, classes: cats.classes, batchSize: profile.batchSize, facts,
    description: text('plan.images', {
      name, train: facts.trainSamples, validation: facts.validationSamples, test: facts.testSamples, batch: profile.batchSize,
      where: text(source === 'test' ? 'plan.testAsValidation' : 'plan.heldOut'),
    }),
  };
}

function factsOf(train: LabeledArrays, validation: LabeledArrays, test: LabeledArrays | undefined, source: DatasetFacts['validation']): DatasetFacts {
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
