import { wholeNumber } from '../check-option.js';
import type { LabeledArrays, RowRange } from '../types.js';
import { HIGGS_FEATURES } from './higgs-csv-parser.js';
import { loadHiggsCsv } from './read-higgs-csv.js';

/** The lab's split of the full file: first 1,000 rows validate, the next 10,000 train. */
export const HIGGS_LAB_SPLIT = { validationRows: 1_000, trainRows: 10_000 } as const;
/** The same split on the shipped 10,000-row fixture: 1,000 + 9,000. */
export const HIGGS_FIXTURE_SPLIT = { validationRows: 1_000, trainRows: 9_000 } as const;

export interface HiggsSplitOptions {
  file: string;
  validationRows: number;
  trainRows: number;
  /** Expected sha256 of the file (shipped fixtures are checked by name anyway). */
  sha256?: string;
}

export interface HiggsSplit {
  train: LabeledArrays;
  validation: LabeledArrays;
  /** 1-based inclusive file rows of each part, e.g. `{ validation: [1, 1000], train: [1001, 10000] }`. */
  rows: { validation: RowRange; train: RowRange };
  file: string;
}

/**
 * The lab's Higgs split in one streaming pass: validation = rows `1..V`, training = rows
 * `V+1..V+T` of the file, as the notebook's `take(N_VALIDATION)` / `skip(N_VALIDATION).take(N_TRAIN)`.
 * Rows beyond `V+T` are never decompressed. Both parts are views of one buffer (no copy).
 */
export async function loadHiggsSplit(options: HiggsSplitOptions): Promise<HiggsSplit> {
  const { file, validationRows: v, trainRows: t } = options;
  wholeNumber('validationRows', v, { min: 1 });
  wholeNumber('trainRows', t, { min: 1 });
  const read = await loadHiggsCsv(file, { take: v + t, ...(options.sha256 ? { sha256: options.sha256 } : {}) });
  const { x, y } = read.data;
  return {
    validation: { x: x.subarray(0, v * HIGGS_FEATURES), y: y.subarray(0, v), shape: [v, HIGGS_FEATURES] },
    train: { x: x.subarray(v * HIGGS_FEATURES), y: y.subarray(v), shape: [t, HIGGS_FEATURES] },
    rows: { validation: [1, v], train: [v + 1, v + t] },
    file,
  };
}

/** `validation = rows 1–1,000 (1,000), training = rows 1,001–10,000 (9,000)`: what a run says it used. */
export function describeHiggsSplit(split: Pick<HiggsSplit, 'rows'>): string {
  const part = ([a, b]: RowRange): string =>
    `rows ${a.toLocaleString('en-US')}–${b.toLocaleString('en-US')} (${(b - a + 1).toLocaleString('en-US')})`;
  return `validation = ${part(split.rows.validation)}, training = ${part(split.rows.train)}`;
}
