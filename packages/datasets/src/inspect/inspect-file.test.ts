import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FitcheckError } from '@fitcheck/core/errors';
import { FIXTURES } from '../fixtures.js';
import { GOLDEN, tempDir } from '../test-helpers/golden.js';
import { inspectDataFile } from './inspect-file.js';

describe('inspectDataFile', () => {
  it('the HIGGS fixture', async () => {
    expect(await inspectDataFile(FIXTURES.higgsFirst10000.path)).toEqual({
      format: 'higgs-csv',
      shape: [10_000, 28],
      labelCounts: GOLDEN.higgs_first_10000.labelCounts,
      sha256: FIXTURES.higgsFirst10000.sha256,
    });
  });

  it('the cat training and test files', async () => {
    expect(await inspectDataFile(FIXTURES.catsTrain.path)).toEqual({
      format: 'hdf5',
      shape: [209, 64, 64, 3],
      labelCounts: { '0': 137, '1': 72 },
      sha256: FIXTURES.catsTrain.sha256,
      classes: ['non-cat', 'cat'],
    });
    expect((await inspectDataFile(FIXTURES.catsTest.path)).labelCounts).toEqual(GOLDEN.cats_test.labelCounts);
  });

  it('an unknown kind of file', async () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'hello');
    const e: unknown = await inspectDataFile(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FitcheckError);
    expect((e as FitcheckError).code).toBe('DATA_UNKNOWN_FORMAT');
  });
});
