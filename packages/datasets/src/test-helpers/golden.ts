import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { FIXTURES } from '../fixtures.js';

interface Counts {
  '0': number;
  '1': number;
}
interface HiggsGolden {
  shape: number[];
  labelCounts: Counts;
  labelCountsValidation_1_1000: Counts;
  labelCountsTrain_1001_10000: Counts;
  row1: number[];
  row10000: number[];
  columnSums: number[];
}
interface CatsGolden {
  keys: string[];
  shape: number[];
  labels: number[];
  labelCounts: Counts;
  classes: string[];
  rawFirst12: number[];
  rawSum: number;
  scaled_5_10_20: number[];
  flat_5_at: number;
  scaledMean: number;
}

/** Reference numbers made by h5py + numpy (fixtures/datasets/golden/make_golden.py). */
export const GOLDEN = JSON.parse(readFileSync(join(FIXTURES.dir, 'golden', 'datasets-golden.json'), 'utf8')) as {
  higgs_first_10000: HiggsGolden;
  higgs_holdout_5000: Omit<HiggsGolden, 'row10000' | 'labelCountsValidation_1_1000' | 'labelCountsTrain_1001_10000'>;
  cats_train: CatsGolden;
  cats_test: CatsGolden;
};

/** A fresh temporary folder for files a test makes. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fitcheck-datasets-'));
}

/** Writes `text` gzipped to `dir/name` and returns the path. */
export function writeGz(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, gzipSync(Buffer.from(text)));
  return file;
}

/** A valid HIGGS line: label then 28 features. */
export function higgsLine(label: number, base = 0): string {
  return [label, ...Array.from({ length: 28 }, (_, j) => (base + j / 10).toFixed(2))].join(',');
}
