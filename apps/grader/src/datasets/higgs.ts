import { fetchHiggs, HIGGS_URL, loadHiggsHoldout, loadHiggsSplit, takeRows } from '@fitcheck/datasets';
import { text, type Text } from '../messages/text.js';
import { datasetFacts, datasetPath, defineDatasetKind, type DatasetRequest, type RunData } from './dataset-kind.js';

/**
 * UCI HIGGS rows from a csv.gz: validation = the first `validationRows` rows of `file` (or, with the
 * profile's `holdout`, the first rows of the `holdout` file that the training file does not share),
 * training = the `trainRows` rows after them.
 */
export const higgs = defineDatasetKind({
  name: 'higgs',
  requires: ['file'],
  optional: ['holdout'],
  load: loadHiggs,
  download: { what: 'HIGGS.csv.gz (2.6 GB)', defaultUrl: HIGGS_URL, fetch: fetchHiggs },
});

async function loadHiggs({ name, dataset, profile }: DatasetRequest): Promise<RunData> {
  const validationRows = profile.validationRows ?? 1000;
  const trainRows = profile.trainRows ?? 9000;
  const file = datasetPath(dataset, 'file');
  const { train, validation: firstRows } = await loadHiggsSplit({ file, validationRows, trainRows });
  let validation = firstRows;
  let where: Text = text('plan.rowsOf', { count: validationRows, file: dataset.file ?? '' });
  if (profile.holdout) {
    // The held-out file replaces the first rows as validation; rows it shares with the training file are dropped.
    const holdout = await loadHiggsHoldout(datasetPath(dataset, 'holdout'), { dropDuplicateOf: file });
    const n = Math.min(validationRows, holdout.data.shape[0] ?? 0);
    validation = takeRows(holdout.data, Array.from({ length: n }, (_, i) => i));
    where = text('plan.holdoutRows', { count: n, file: dataset.holdout ?? '' });
  }
  const facts = datasetFacts(train, validation, undefined, profile.holdout ? 'holdout' : 'rows');
  return {
    train, validation, classes: ['background', 'signal'], batchSize: profile.batchSize, facts,
    description: text('plan.rows', { name, train: facts.trainSamples, validation: facts.validationSamples, where, batch: profile.batchSize }),
  };
}
