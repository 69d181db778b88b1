import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FitcheckError } from '@fitcheck/core/errors';
import { FIXTURES } from '../fixtures.js';
import { GOLDEN, higgsLine, tempDir, writeGz } from '../test-helpers/golden.js';
import { loadHiggsCsv, readHiggsCsv } from './read-higgs-csv.js';

const golden = GOLDEN.higgs_first_10000;
const fixture = FIXTURES.higgsFirst10000.path;

function counts(y: Float32Array): { '0': number; '1': number } {
  const ones = y.reduce((a, b) => a + b, 0);
  return { '0': y.length - ones, '1': ones };
}

function row(x: Float32Array, y: Float32Array, i: number): number[] {
  return [y[i]!, ...x.subarray(i * 28, (i + 1) * 28)];
}

async function failure(p: Promise<unknown>): Promise<FitcheckError> {
  const e: unknown = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(FitcheckError);
  return e as FitcheckError;
}

describe('loadHiggsCsv on the shipped first 10,000 rows', () => {
  it('reads every row with numpy’s values and SOURCES.md’s label counts', async () => {
    const { data, rows } = await loadHiggsCsv(fixture);
    expect(rows).toEqual([1, 10_000]);
    expect(data.shape).toEqual(golden.shape);
    expect(counts(data.y)).toEqual(golden.labelCounts);
    expect(row(data.x, data.y, 0)).toEqual(golden.row1);
    expect(row(data.x, data.y, 9_999)).toEqual(golden.row10000);
    const sums = Array.from({ length: 28 }, (_, j) => {
      let s = 0;
      for (let i = 0; i < 10_000; i++) s += data.x[i * 28 + j]!;
      return s;
    });
    sums.forEach((s, j) => expect(s).toBeCloseTo(golden.columnSums[j]!, 6));
  });

  it('reads the held-out 5,000 rows (10-decimal values) as numpy does', async () => {
    const { data } = await loadHiggsCsv(FIXTURES.higgsHoldout5000.path);
    const g = GOLDEN.higgs_holdout_5000;
    expect(data.shape).toEqual(g.shape);
    expect(counts(data.y)).toEqual(g.labelCounts);
    expect(row(data.x, data.y, 0)).toEqual(g.row1);
  });

  it('skips and takes: rows 1,001–10,000 have 4,245 zeros and 4,755 ones', async () => {
    const { data, rows } = await loadHiggsCsv(fixture, { skip: 1_000, take: 9_000 });
    expect(rows).toEqual([1_001, 10_000]);
    expect(counts(data.y)).toEqual(golden.labelCountsTrain_1001_10000);
    expect(row(data.x, data.y, 8_999)).toEqual(golden.row10000);
  });

  it('yields batches of batchRows with their first file row', async () => {
    const seen: [number, number][] = [];
    for await (const b of readHiggsCsv(fixture, { skip: 500, take: 7_000, batchRows: 3_000 })) seen.push([b.firstRow, b.rows]);
    expect(seen).toEqual([[501, 3_000], [3_501, 3_000], [6_501, 1_000]]);
  });

  it('stops reading after take: the first rows of a truncated file still load', async () => {
    const dir = tempDir();
    const bytes = readFileSync(fixture);
    const cut = join(dir, 'cut.csv.gz');
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    const { data } = await loadHiggsCsv(cut, { take: 100 });
    expect(row(data.x, data.y, 0)).toEqual(golden.row1);
    const e = await failure(loadHiggsCsv(cut));
    expect(e.code).toBe('DATA_TRUNCATED_GZIP');
    expect(e.place.file).toBe(cut);
    expect(e.place.row).toBeGreaterThan(1_000);
  });

  it('reads plain CSV too, with or without a trailing newline', async () => {
    const dir = tempDir();
    const text = `${higgsLine(1)}\n${higgsLine(0, 1)}`;
    for (const [name, body] of [['a.csv', text], ['b.csv', `${text}\r\n`]] as const) {
      writeFileSync(join(dir, name), body);
      const { data } = await loadHiggsCsv(join(dir, name));
      expect(data.shape).toEqual([2, 28]);
      expect(Array.from(data.y)).toEqual([1, 0]);
      expect(data.x[28 + 27]).toBeCloseTo(3.7, 6);
    }
  });
});

describe('bad HIGGS input gives a typed error with file, row and column', () => {
  const dir = tempDir();
  const good = `${higgsLine(1)}\n${higgsLine(0)}\n`;

  it('a short row', async () => {
    const file = writeGz(dir, 'short.csv.gz', `${good}${higgsLine(1).split(',').slice(0, 20).join(',')}\n`);
    const e = await failure(loadHiggsCsv(file));
    expect([e.code, e.place.file, e.place.row, e.place.column]).toEqual(['DATA_SHORT_ROW', file, 3, 21]);
    expect(e.message).toContain('expected 29 columns (label + 28 features), found 20');
  });

  it('a row with an extra column', async () => {
    const file = writeGz(dir, 'long.csv.gz', `${higgsLine(1)},9\n`);
    const e = await failure(loadHiggsCsv(file));
    expect([e.code, e.place.row, e.place.column]).toEqual(['DATA_LONG_ROW', 1, 30]);
  });

  it('a non-numeric value', async () => {
    const cells = higgsLine(0).split(',');
    cells[5] = 'n/a';
    const file = writeGz(dir, 'nan.csv.gz', `${good}${good}${cells.join(',')}\n`);
    const e = await failure(loadHiggsCsv(file));
    expect([e.code, e.place.row, e.place.column]).toEqual(['DATA_NOT_NUMERIC', 5, 6]);
    expect(e.message).toContain('feature 5 of 28');
    expect(e.message).toContain('"n/a"');
  });

  it('a blank line inside the file', async () => {
    const file = writeGz(dir, 'blank.csv.gz', `${higgsLine(1)}\n\n${higgsLine(0)}\n`);
    const e = await failure(loadHiggsCsv(file));
    expect([e.code, e.place.row]).toEqual(['DATA_NOT_NUMERIC', 2]);
  });

  it('a label that is not 0 or 1', async () => {
    const file = writeGz(dir, 'label.csv.gz', `${good}${higgsLine(2)}\n`);
    const e = await failure(loadHiggsCsv(file));
    expect([e.code, e.place.row, e.place.column]).toEqual(['DATA_BAD_LABEL', 3, 1]);
  });

  it('corrupt gzip data', async () => {
    const bytes = readFileSync(fixture);
    const bad = Buffer.from(bytes);
    for (let i = 1_000; i < 1_100; i++) bad[i] = 0xff - bad[i]!;
    const file = join(dir, 'corrupt.csv.gz');
    writeFileSync(file, bad);
    const e = await failure(loadHiggsCsv(file));
    expect(e.code).toBe('DATA_CORRUPT_GZIP');
    expect(e.place.file).toBe(file);
  });

  it('fewer rows than asked for', async () => {
    const e = await failure(loadHiggsCsv(fixture, { skip: 1_000, take: 10_000 }));
    expect([e.code, e.place.row]).toEqual(['DATA_TOO_FEW_ROWS', 10_001]);
    expect(e.message).toBe('asked for 10000 rows after row 1000, but the file ends after row 10000');
  });

  it('a missing file', async () => {
    const e = await failure(loadHiggsCsv(join(dir, 'nope.csv.gz')));
    expect(e.code).toBe('DATA_FILE_NOT_FOUND');
  });

  it('a shipped fixture whose bytes changed: both sums in the message', async () => {
    const copy = join(tempDir(), 'HIGGS_first_10000.csv.gz');
    copyFileSync(fixture, copy);
    const bytes = readFileSync(copy);
    bytes[bytes.length - 9] = bytes.at(-9)! ^ 1;
    writeFileSync(copy, bytes);
    const e = await failure(loadHiggsCsv(copy));
    expect(e.code).toBe('DATA_CHECKSUM_MISMATCH');
    expect(e.place.file).toBe(copy);
    expect(e.message).toContain(FIXTURES.higgsFirst10000.sha256);
    expect(e.message).toMatch(/got [0-9a-f]{64}$/);
  });
});
