import type { LabeledArrays } from '../types.js';
import { HIGGS_FEATURES } from './higgs-csv-parser.js';
import { loadHiggsCsv } from './read-higgs-csv.js';

export interface HiggsHoldoutOptions {
  /** Rows equal to a row of this file (or these arrays), at `significantDigits`, are dropped. */
  dropDuplicateOf?: string | LabeledArrays;
  /** Precision at which rows are compared. Default 3: the shipped first-10,000 file is `%.2E`. */
  significantDigits?: number;
  sha256?: string;
}

/** A row dropped from the held-out set because the training file has it too (1-based rows). */
export interface DroppedDuplicate {
  row: number;
  duplicateOfRow: number;
}

export interface HiggsHoldout {
  data: LabeledArrays;
  dropped: DroppedDuplicate[];
  file: string;
}

function rowKey(data: LabeledArrays, i: number, digits: number): string {
  const parts: string[] = [String(data.y[i])];
  for (let j = 0; j < HIGGS_FEATURES; j++) {
    // Through float32 again so that "8.69E-01" and "0.8692932129" meet at the same value.
    parts.push(String(Math.fround(Number(data.x[i * HIGGS_FEATURES + j]!.toPrecision(digits)))));
  }
  return parts.join(',');
}

/**
 * The TA's held-out HIGGS rows, minus any row that also occurs in the training file (all 29
 * values equal at `significantDigits`): a model must not be graded on a row it trained on.
 * With the shipped files this drops the sample's row 2,158 (= HIGGS row 5,981) and keeps 4,999.
 */
export async function loadHiggsHoldout(file: string, options: HiggsHoldoutOptions = {}): Promise<HiggsHoldout> {
  const digits = options.significantDigits ?? 3;
  const { data } = await loadHiggsCsv(file, options.sha256 ? { sha256: options.sha256 } : {});
  const ref = options.dropDuplicateOf;
  if (ref === undefined) return { data, dropped: [], file };
  const refData = typeof ref === 'string' ? (await loadHiggsCsv(ref)).data : ref;

  const seen = new Map<string, number>();
  for (let i = 0; i < refData.y.length; i++) {
    const key = rowKey(refData, i, digits);
    if (!seen.has(key)) seen.set(key, i + 1);
  }
  const n = data.y.length;
  const keep: number[] = [];
  const dropped: DroppedDuplicate[] = [];
  for (let i = 0; i < n; i++) {
    const twin = seen.get(rowKey(data, i, digits));
    if (twin === undefined) keep.push(i);
    else dropped.push({ row: i + 1, duplicateOfRow: twin });
  }
  if (dropped.length === 0) return { data, dropped, file };
  const x = new Float32Array(keep.length * HIGGS_FEATURES);
  const y = new Float32Array(keep.length);
  keep.forEach((src, dst) => {
    x.set(data.x.subarray(src * HIGGS_FEATURES, (src + 1) * HIGGS_FEATURES), dst * HIGGS_FEATURES);
    y[dst] = data.y[src]!;
  });
  return { data: { x, y, shape: [keep.length, HIGGS_FEATURES] }, dropped, file };
}
