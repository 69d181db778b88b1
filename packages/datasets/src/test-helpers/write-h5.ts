import * as h5wasm from 'h5wasm/node';

/** What a small test HDF5 file holds: key → typed array (+ shape) or strings. */
export type H5Content = Record<string, { data: Uint8Array | BigInt64Array | string[]; shape?: number[] }>;

/** Writes a real HDF5 file with the HDF5 library itself (h5wasm), for the corrupted-input tests. */
export async function writeH5(file: string, content: H5Content): Promise<string> {
  await h5wasm.ready;
  const f = new h5wasm.File(file, 'w');
  try {
    for (const [name, { data, shape }] of Object.entries(content)) f.create_dataset({ name, data, shape: shape ?? null });
  } finally {
    f.close();
  }
  return file;
}

/** A tiny cat file: n images of 2×2×3 pixels and the given labels. */
export function tinyCats(split: 'train' | 'test', n: number, labels: number[]): H5Content {
  return {
    [`${split}_set_x`]: { data: new Uint8Array(n * 12).map((_, i) => i % 256), shape: [n, 2, 2, 3] },
    [`${split}_set_y`]: { data: BigInt64Array.from(labels.map(BigInt)), shape: [labels.length] },
    list_classes: { data: ['non-cat', 'cat'] },
  };
}
