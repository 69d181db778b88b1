import type { DatasetDefinition, DatasetProfile } from '../lab/types.js';
import type { DatasetSection } from '../submission/types.js';
import { datasetKind } from '../datasets/index.js';
import type { RunData } from '../datasets/dataset-kind.js';
import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

export type { RunData } from '../datasets/dataset-kind.js';

/** Loads one dataset of the lab as a profile scales it, by its kind's module (`datasets/`). */
export async function loadRunData(
  name: string,
  dataset: DatasetDefinition,
  profile: DatasetProfile,
  seed: number,
  section?: DatasetSection,
): Promise<RunData> {
  const kind = datasetKind(dataset.kind);
  // loadLab refuses a kind no module has: reaching this is the grader's bug.
  if (!kind) throw new GraderError('INVALID_LAB', text('errLab.noDatasetKind', { name, kind: dataset.kind }));
  return kind.load({ name, dataset, profile, seed, ...(section && { section }) });
}
