import { FitcheckError, type LabeledArrays } from '@fitcheck/core';
import { loadCats, validationSplit } from '@fitcheck/datasets';
import { text } from '../messages/text.js';
import { datasetFacts, datasetPath, defineDatasetKind, type DatasetRequest, type RunData } from './dataset-kind.js';

/**
 * The cat/non-cat HDF5 pair in `dir`, after the student's preprocess (scale, then reshape each
 * image): validation = a seeded held-out split of the training images, or the test set when the
 * submission declared `validation: test`.
 */
export const cats = defineDatasetKind({
  name: 'cats',
  requires: ['dir'],
  load: loadCatData,
});

async function loadCatData({ name, dataset, profile, seed, section }: DatasetRequest): Promise<RunData> {
  const scale = section?.preprocess?.scale ?? 255;
  const sampleShape = section?.preprocess?.reshape ?? dataset.inputShape;
  const loaded = await loadCats({ dir: datasetPath(dataset, 'dir'), flatten: false, scale });
  // Row-major arrays: reshaping one sample is only a new shape (the schema and the preprocess check keep the size right).
  const reshape = (d: LabeledArrays): LabeledArrays => ({ ...d, shape: [d.shape[0] ?? 0, ...sampleShape] });
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const perImage = loaded.train.x.length / (loaded.train.shape[0] ?? 1);
  if (size !== perImage) {
    throw new FitcheckError('SHAPE_MISMATCH', `${name}.preprocess.reshape [${sampleShape.join(', ')}] holds ${size} values; an image has ${perImage}`);
  }
  const test = reshape(loaded.test);
  let train = reshape(loaded.train);
  let validation: LabeledArrays;
  const source = section?.validation === 'test' ? 'test' : 'split';
  if (source === 'test') validation = test;
  else {
    const split = validationSplit(train, { fraction: profile.validationFraction ?? 0.2, seed });
    train = split.train;
    validation = split.validation;
  }
  const facts = datasetFacts(train, validation, test, source);
  return {
    train, validation, test, classes: loaded.classes, batchSize: profile.batchSize, facts,
    description: text('plan.images', {
      name, train: facts.trainSamples, validation: facts.validationSamples, test: facts.testSamples, batch: profile.batchSize,
      where: text(source === 'test' ? 'plan.testAsValidation' : 'plan.heldOut'),
    }),
  };
}
