import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FitcheckError } from '@fitcheck/core/errors';
import { FIXTURES } from '../fixtures.js';
import { tempDir } from '../test-helpers/golden.js';
import { tinyCats, writeH5 } from '../test-helpers/write-h5.js';
import { readCatFile } from './read-cat-file.js';

async function failure(p: Promise<unknown>): Promise<FitcheckError> {
  const e: unknown = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(FitcheckError);
  return e as FitcheckError;
}

describe('readCatFile on files the tests make', () => {
  const dir = tempDir();

  it('reads a small well-formed file', async () => {
    const file = await writeH5(join(dir, 'ok.h5'), tinyCats('train', 3, [0, 1, 1]));
    const cats = await readCatFile(file, { split: 'train', requireClasses: true });
    expect(cats.shape).toEqual([3, 2, 2, 3]);
    expect(Array.from(cats.y)).toEqual([0, 1, 1]);
    expect(cats.classes).toEqual(['non-cat', 'cat']);
    expect(cats.pixels[35]).toBe(35);
  });

  it('a file that is not HDF5', async () => {
    const file = join(dir, 'fake.h5');
    writeFileSync(file, 'this is text, not HDF5\n'.repeat(100));
    const e = await failure(readCatFile(file, { split: 'train' }));
    expect([e.code, e.place.file]).toEqual(['DATA_NOT_HDF5', file]);
  });

  it('a truncated HDF5 file', async () => {
    const file = join(dir, 'cut.h5');
    writeFileSync(file, readFileSync(FIXTURES.catsTrain.path).subarray(0, 1_000_000));
    const e = await failure(readCatFile(file, { split: 'train' }));
    expect([e.code, e.place.file]).toEqual(['DATA_UNREADABLE_HDF5', file]);
    expect(e.message).not.toContain('\n');
  });

  it('a missing key names the key and what the file has', async () => {
    const content = tinyCats('train', 2, [0, 1]);
    delete content.train_set_y;
    const file = await writeH5(join(dir, 'nokey.h5'), content);
    const e = await failure(readCatFile(file, { split: 'train' }));
    expect([e.code, e.place.file, e.place.key]).toEqual(['DATA_MISSING_KEY', file, 'train_set_y']);
    expect(e.message).toBe('expected a dataset "train_set_y"; the file has: list_classes, train_set_x');
  });

  it('labels that disagree with the number of images', async () => {
    const file = await writeH5(join(dir, 'shape.h5'), tinyCats('test', 4, [0, 1, 1]));
    const e = await failure(readCatFile(file, { split: 'test' }));
    expect([e.code, e.place.key]).toEqual(['DATA_SHAPE_MISMATCH', 'test_set_y']);
    expect(e.message).toBe('4 images in test_set_x but test_set_y has shape (3); expected (4,)');
  });

  it('a label that is not 0 or 1', async () => {
    const file = await writeH5(join(dir, 'label.h5'), tinyCats('train', 3, [0, 7, 1]));
    const e = await failure(readCatFile(file, { split: 'train' }));
    expect([e.code, e.place.key, e.place.row]).toEqual(['DATA_BAD_LABEL', 'train_set_y', 2]);
  });

  it('missing list_classes when class names are required', async () => {
    const content = tinyCats('train', 1, [1]);
    delete content.list_classes;
    const file = await writeH5(join(dir, 'noclasses.h5'), content);
    expect((await readCatFile(file, { split: 'train' })).classes).toEqual([]);
    const e = await failure(readCatFile(file, { split: 'train', requireClasses: true }));
    expect([e.code, e.place.key]).toEqual(['DATA_MISSING_KEY', 'list_classes']);
  });

  it('a shipped fixture whose bytes changed', async () => {
    const copy = join(tempDir(), 'test_catvnoncat.h5');
    copyFileSync(FIXTURES.catsTest.path, copy);
    const bytes = readFileSync(copy);
    bytes[bytes.length - 1] = bytes.at(-1)! ^ 1;
    writeFileSync(copy, bytes);
    const e = await failure(readCatFile(copy, { split: 'test' }));
    expect(e.code).toBe('DATA_CHECKSUM_MISMATCH');
    expect(e.message).toContain(`expected ${FIXTURES.catsTest.sha256}, got `);
  });
});
