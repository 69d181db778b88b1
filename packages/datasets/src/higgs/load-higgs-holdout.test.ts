import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures.js';
import { GOLDEN } from '../test-helpers/golden.js';
import { loadHiggsCsv } from './read-higgs-csv.js';
import { loadHiggsHoldout } from './load-higgs-holdout.js';

describe('loadHiggsHoldout', () => {
  it('keeps all 5,000 rows when asked to drop nothing', async () => {
    const { data, dropped } = await loadHiggsHoldout(FIXTURES.higgsHoldout5000.path);
    expect(data.shape).toEqual([5_000, 28]);
    expect(dropped).toEqual([]);
  });

  it('drops its row 2,158, the one duplicate of HIGGS row 5,981 (label 0)', async () => {
    const holdout = await loadHiggsHoldout(FIXTURES.higgsHoldout5000.path, { dropDuplicateOf: FIXTURES.higgsFirst10000.path });
    expect(holdout.dropped).toEqual([{ row: 2_158, duplicateOfRow: 5_981 }]);
    expect(holdout.data.shape).toEqual([4_999, 28]);
    const ones = holdout.data.y.reduce((a, b) => a + b, 0);
    expect(ones).toBe(GOLDEN.higgs_holdout_5000.labelCounts['1']);
    expect(holdout.data.y.length - ones).toBe(GOLDEN.higgs_holdout_5000.labelCounts['0'] - 1);
    // Row 2,159 of the file moved up into the gap.
    const full = (await loadHiggsCsv(FIXTURES.higgsHoldout5000.path)).data;
    expect(holdout.data.x.subarray(2_157 * 28, 2_158 * 28)).toEqual(full.x.subarray(2_158 * 28, 2_159 * 28));
  });

  it('accepts arrays already in memory as the reference', async () => {
    const ref = (await loadHiggsCsv(FIXTURES.higgsFirst10000.path, { skip: 5_980, take: 1 })).data;
    const holdout = await loadHiggsHoldout(FIXTURES.higgsHoldout5000.path, { dropDuplicateOf: ref });
    expect(holdout.dropped).toEqual([{ row: 2_158, duplicateOfRow: 1 }]);
  });
});
