// Public API of @fitcheck/datasets. Named re-exports only; one block per folder.
export {};
export type { LabeledArrays, RowRange } from './types.js';
export { DATA_ERRORS, DataError, type DataErrorCode } from './error-codes.js';
export { FIXTURES, SHIPPED_FIXTURES, findRepoRoot, type FixtureFile } from './fixtures.js';
export { sha256File, verifySha256, verifyIfKnown, knownFixture } from './integrity/sha256.js';
export { HIGGS_FEATURES, type HiggsBatch } from './higgs/higgs-csv-parser.js';
export { readHiggsCsv, loadHiggsCsv, isGzip, type ReadHiggsOptions, type HiggsRows } from './higgs/read-higgs-csv.js';
export {
  loadHiggsSplit,
  describeHiggsSplit,
  HIGGS_LAB_SPLIT,
  HIGGS_FIXTURE_SPLIT,
  type HiggsSplit,
  type HiggsSplitOptions,
} from './higgs/load-higgs-split.js';
export { loadHiggsHoldout, type HiggsHoldout, type HiggsHoldoutOptions, type DroppedDuplicate } from './higgs/load-higgs-holdout.js';
export { fetchHiggs, HIGGS_URL, HIGGS_BYTES, type FetchHiggsOptions } from './higgs/fetch-higgs.js';
export { downloadFile, type DownloadOptions, type DownloadProgress, type DownloadResult } from './download/download-file.js';
export { readCatFile, type CatFile, type ReadCatFileOptions } from './cats/read-cat-file.js';
export { loadCats, preprocessCatImages, type Cats, type LoadCatsOptions } from './cats/load-cats.js';
export { isHdf5 } from './cats/hdf5-file.js';
export { validationSplit, type ValidationSplitOptions, type ValidationSplitResult } from './split/validation-split.js';
export { takeRows } from './split/take-rows.js';
export { inspectDataFile, type DataFileReport } from './inspect/inspect-file.js';
