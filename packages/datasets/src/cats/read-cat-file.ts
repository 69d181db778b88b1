import { DataError } from '../error-codes.js';
import { verifyIfKnown } from '../integrity/sha256.js';
import { withHdf5, type Hdf5Reader } from './hdf5-file.js';

/** One deeplearning.ai cat/non-cat file as stored: raw pixels, labels, class names. */
export interface CatFile {
  /** Pixels as stored (uint8 0–255), row-major `shape`. */
  pixels: Uint8Array;
  /** `[n, 64, 64, 3]`. */
  shape: number[];
  /** n labels, 0 (non-cat) or 1 (cat). */
  y: Float32Array;
  /** From `list_classes` (`['non-cat', 'cat']`), or empty when the file has none. */
  classes: string[];
}

export interface ReadCatFileOptions {
  /** `train` or `test`: the keys are `<split>_set_x` and `<split>_set_y`. */
  split: 'train' | 'test';
  /** Require `list_classes` (the lab takes class names from the training file). */
  requireClasses?: boolean;
  sha256?: string;
}

/**
 * Reads `train_catvnoncat.h5` (`train_set_x` uint8 209×64×64×3, `train_set_y`, `list_classes`)
 * or `test_catvnoncat.h5` (`test_set_*`, 50 images). Every key, shape and label is checked.
 */
export async function readCatFile(file: string, options: ReadCatFileOptions): Promise<CatFile> {
  await verifyIfKnown(file, options.sha256);
  return withHdf5(file, (h5) => {
    const xKey = `${options.split}_set_x`;
    const yKey = `${options.split}_set_y`;
    const x = h5.read(xKey);
    const yRaw = h5.read(yKey);
    if (!(x.value instanceof Uint8Array) || x.shape.length < 2) {
      throw new DataError(
        'DATA_SHAPE_MISMATCH',
        `expected uint8 images of shape (n, 64, 64, 3), found ${x.dtype} of shape (${x.shape.join(', ')})`,
        { file, key: xKey },
        undefined,
        { message: { key: 'errCore.data.catImages', params: { dtype: x.dtype, shape: x.shape.join(', ') } } },
      );
    }
    const n = x.shape[0]!;
    const labelCount = yRaw.shape.reduce((a, b) => a * b, 1);
    if (labelCount !== n || yRaw.shape.filter((d) => d !== 1).length > 1) {
      throw new DataError(
        'DATA_SHAPE_MISMATCH',
        `${n} images in ${xKey} but ${yKey} has shape (${yRaw.shape.join(', ')}); expected (${n},)`,
        { file, key: yKey },
        'images and labels must come from the same file version',
        {
          message: { key: 'errCore.data.catLabels', params: { n: String(n), xKey, yKey, shape: yRaw.shape.join(', ') } },
          hint: { key: 'errCore.data.catLabelsFix' },
        },
      );
    }
    return { pixels: x.value, shape: x.shape, y: labelsOf(yRaw.value, file, yKey), classes: classesOf(h5, file, options) };
  });
}

function labelsOf(value: unknown, file: string, key: string): Float32Array {
  const isArray = ArrayBuffer.isView(value) && !(value instanceof DataView);
  const items = isArray ? Array.from(value as unknown as ArrayLike<number | bigint>) : [];
  const y = new Float32Array(items.length);
  items.forEach((v, i) => {
    const label = Number(v);
    if (label !== 0 && label !== 1) {
      throw new DataError('DATA_BAD_LABEL', `label ${i + 1} is ${String(v)}; expected 0 or 1`, { file, key, row: i + 1 }, undefined, {
        message: { key: 'errCore.data.catBadLabel', params: { index: String(i + 1), value: String(v) } },
      });
    }
    y[i] = label;
  });
  return y;
}

function classesOf(h5: Hdf5Reader, file: string, options: ReadCatFileOptions): string[] {
  if (!options.requireClasses && !h5.has('list_classes')) return [];
  const { value } = h5.read('list_classes');
  const names = Array.isArray(value) ? value.map(String) : [];
  if (names.length !== 2) {
    throw new DataError(
      'DATA_SHAPE_MISMATCH',
      `expected two class names (non-cat, cat), found ${JSON.stringify(value)}`,
      { file, key: 'list_classes' },
      undefined,
      { message: { key: 'errCore.data.catClasses', params: { found: JSON.stringify(value) } } },
    );
  }
  return names;
}
