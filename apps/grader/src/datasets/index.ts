import { cats } from './cats.js';
import type { DatasetKind } from './dataset-kind.js';
import { higgs } from './higgs.js';

/**
 * Every dataset kind a lab.yaml may name. The `kind` enum `loadLab` validates lab.yaml with, and
 * the paths it requires of each dataset, are derived from this list.
 */
export const DATASET_KINDS: readonly DatasetKind[] = [higgs, cats];

const byName = new Map(DATASET_KINDS.map((k) => [k.name, k]));

/** The kind a lab's dataset names; undefined for a name no kind has (loadLab refuses such a lab). */
export function datasetKind(name: string): DatasetKind | undefined {
  return byName.get(name);
}
