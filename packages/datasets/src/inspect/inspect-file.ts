import { readCatFile } from '../cats/read-cat-file.js';
import { isHdf5, withHdf5 } from '../cats/hdf5-file.js';
import { DataError } from '../error-codes.js';
import { readHiggsCsv } from '../higgs/read-higgs-csv.js';
import { HIGGS_FEATURES } from '../higgs/higgs-csv-parser.js';
import { assertFileExists } from '../integrity/file-exists.js';
import { knownFixture, sha256File, verifySha256 } from '../integrity/sha256.js';

/** What `fitcheck data inspect FILE --json` prints: one object per file. */
export interface DataFileReport {
  format: 'higgs-csv' | 'hdf5';
  /** Shape of the feature array: `[10000, 28]`, `[209, 64, 64, 3]`. */
  shape: number[];
  labelCounts: { '0': number; '1': number };
  sha256: string;
  /** HDF5 only: class names from `list_classes`. */
  classes?: string[];
}

function countLabels(y: Float32Array, counts: { '0': number; '1': number }): void {
  for (let i = 0; i < y.length; i++) counts[y[i] === 1 ? '1' : '0']++;
}

/**
 * Reads any supported data file whole (every row and key checked) and says what it is:
 * a HIGGS CSV (gzip or plain) or a cat/non-cat HDF5 file. A shipped fixture must also have its sum.
 */
export async function inspectDataFile(file: string): Promise<DataFileReport> {
  await assertFileExists(file);
  const known = knownFixture(file);
  const sha256 = known ? await verifySha256(file, known.sha256) : await sha256File(file);
  const labelCounts = { '0': 0, '1': 0 };

  if (await isHdf5(file)) {
    const keys = await withHdf5(file, (h5) => h5.keys());
    const split = keys.includes('test_set_x') && !keys.includes('train_set_x') ? 'test' : 'train';
    const cats = await readCatFile(file, { split });
    countLabels(cats.y, labelCounts);
    return { format: 'hdf5', shape: cats.shape, labelCounts, sha256, classes: cats.classes };
  }
  if (file.endsWith('.h5') || file.endsWith('.hdf5')) {
    // Named like HDF5 but not one: let the HDF5 reader give its precise error.
    await withHdf5(file, () => undefined);
  }
  if (!/\.csv(\.gz)?$/i.test(file)) {
    throw new DataError(
      'DATA_UNKNOWN_FORMAT',
      'not a supported data file: expected a HIGGS .csv / .csv.gz or an HDF5 .h5',
      { file },
      undefined,
      { message: { key: 'errCore.data.unknownFormat' } },
    );
  }
  let rows = 0;
  for await (const batch of readHiggsCsv(file)) {
    rows += batch.rows;
    countLabels(batch.y, labelCounts);
  }
  return { format: 'higgs-csv', shape: [rows, HIGGS_FEATURES], labelCounts, sha256 };
}
