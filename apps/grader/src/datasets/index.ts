import { discoverModules } from '@fitcheck/core';
import { isDatasetKind, type DatasetKind } from './dataset-kind.js';

/**
 * Every dataset kind a lab.yaml may name: what `defineDatasetKind` made in a file of this folder,
 * the file named as the kind (`higgs.ts`), found when the grader loads (docs/decisions/0012). The
 * `kind` enum `loadLab` validates lab.yaml with (and lab.schema.json's, written by `pnpm build`) and
 * the paths it requires of each dataset are derived from these.
 */
export const DATASET_KINDS: readonly DatasetKind[] = await discoverModules(
  new URL('./', import.meta.url),
  (url) => import(url),
  { is: isDatasetKind, fileOf: (kind) => kind.name },
);

const byName = new Map(DATASET_KINDS.map((k) => [k.name, k]));

/** The kind a lab's dataset names; undefined for a name no kind has (loadLab refuses such a lab). */
export function datasetKind(name: string): DatasetKind | undefined {
  return byName.get(name);
}
