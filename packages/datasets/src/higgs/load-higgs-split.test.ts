import { describe, expect, it } from 'vitest';
import { FitcheckError } from '@fitcheck/core/errors';
import { FIXTURES } from '../fixtures.js';
import { GOLDEN } from '../test-helpers/golden.js';
import { describeHiggsSplit, HIGGS_FIXTURE_SPLIT, HIGGS_LAB_SPLIT, loadHiggsSplit } from './load-higgs-split.js';

const golden = GOLDEN.higgs_first_10000;
const ones = (y: Float32Array): number => y.reduce((a, b) => a + b, 0);

describe('loadHiggsSplit', () => {
  it('takes validation = rows 1–1,000 and training = rows 1,001–10,000 of the fixture', async () => {
    const split = await loadHiggsSplit({ file: FIXTURES.higgsFirst10000.path, ...HIGGS_FIXTURE_SPLIT });
    expect(split.rows).toEqual({ validation: [1, 1_000], train: [1_001, 10_000] });
    expect(split.validation.shape).toEqual([1_000, 28]);
    expect(split.train.shape).toEqual([9_000, 28]);
    expect(split.validation.x.length).toBe(28_000);
    expect(split.train.x.length).toBe(252_000);
    expect(ones(split.validation.y)).toBe(golden.labelCountsValidation_1_1000['1']);
    expect(ones(split.train.y)).toBe(golden.labelCountsTrain_1001_10000['1']);
    expect([split.validation.y[0], ...split.validation.x.subarray(0, 28)]).toEqual(golden.row1);
    expect([split.train.y[8_999], ...split.train.x.subarray(8_999 * 28)]).toEqual(golden.row10000);
    expect(describeHiggsSplit(split)).toBe('validation = rows 1–1,000 (1,000), training = rows 1,001–10,000 (9,000)');
  });

  it('is a setting: 500 + 2,000 rows', async () => {
    const split = await loadHiggsSplit({ file: FIXTURES.higgsFirst10000.path, validationRows: 500, trainRows: 2_000 });
    expect(split.rows).toEqual({ validation: [1, 500], train: [501, 2_500] });
    expect(split.train.shape).toEqual([2_000, 28]);
  });

  it('refuses the lab’s 1,000 + 10,000 on a 10,000-row file instead of training on fewer rows', async () => {
    const e: unknown = await loadHiggsSplit({ file: FIXTURES.higgsFirst10000.path, ...HIGGS_LAB_SPLIT }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FitcheckError);
    expect((e as FitcheckError).code).toBe('DATA_TOO_FEW_ROWS');
  });
});
