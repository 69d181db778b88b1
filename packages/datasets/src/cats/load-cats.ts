import { join } from 'node:path';
import type { LabeledArrays } from '../types.js';
import { readCatFile, type CatFile } from './read-cat-file.js';

export interface LoadCatsOptions {
  /** Folder holding `train_catvnoncat.h5` and `test_catvnoncat.h5` (e.g. `FIXTURES.catsDir`). */
  dir: string;
  /** `[n, 12288]` instead of `[n, 64, 64, 3]`. Default false (keep images; a Flatten layer follows). */
  flatten?: boolean;
  /** Pixels are divided by this. Default 255, which maps uint8 to [0, 1] as the lab asks. */
  scale?: number;
}

export interface Cats {
  train: LabeledArrays;
  test: LabeledArrays;
  /** Index = label: `['non-cat', 'cat']`. */
  classes: string[];
}

/** `x / scale` as float32, in `[n, h, w, c]` or flattened to `[n, h·w·c]`. */
export function preprocessCatImages(file: Pick<CatFile, 'pixels' | 'shape' | 'y'>, flatten: boolean, scale: number): LabeledArrays {
  const x = new Float32Array(file.pixels.length);
  // Multiplying by 1/255 can differ from numpy's x/255 in the last bit: divide, as the lab does.
  if (scale === 1) x.set(file.pixels);
  else for (let i = 0; i < x.length; i++) x[i] = file.pixels[i]! / scale;
  const n = file.shape[0]!;
  const shape = flatten ? [n, file.pixels.length / n] : [...file.shape];
  return { x, y: file.y, shape };
}

/** Both cat/non-cat files, preprocessed as the lab asks (scaled to [0, 1]; optionally flattened). */
export async function loadCats(options: LoadCatsOptions): Promise<Cats> {
  const flatten = options.flatten ?? false;
  const scale = options.scale ?? 255;
  const train = await readCatFile(join(options.dir, 'train_catvnoncat.h5'), { split: 'train', requireClasses: true });
  const test = await readCatFile(join(options.dir, 'test_catvnoncat.h5'), { split: 'test' });
  return {
    train: preprocessCatImages(train, flatten, scale),
    test: preprocessCatImages(test, flatten, scale),
    classes: train.classes,
  };
}
