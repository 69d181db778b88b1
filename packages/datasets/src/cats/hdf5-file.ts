import { open } from 'node:fs/promises';
import type * as H5 from 'h5wasm/node';
import { FitcheckError } from '@fitcheck/core/errors';
import { DataError } from '../error-codes.js';
import { assertFileExists } from '../integrity/file-exists.js';

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]); // \x89HDF\r\n\x1a\n

/**
 * True when the HDF5 signature is where the format allows it: at byte 0, or after a user
 * block of 512, 1024, 2048, … bytes.
 */
export async function isHdf5(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(SIGNATURE.length);
    for (let at = 0; at + SIGNATURE.length <= size; at = at === 0 ? 512 : at * 2) {
      await handle.read(head, 0, SIGNATURE.length, at);
      if (head.equals(SIGNATURE)) return true;
    }
    return false;
  } finally {
    await handle.close();
  }
}

let loaded: Promise<typeof H5> | undefined;

/**
 * Loads the HDF5 C library (wasm) on first use only: h5wasm compiles its ~4 MB module as soon as
 * it is imported, which HIGGS-only users should not pay. Its errors then throw instead of printing.
 */
function h5wasm(): Promise<typeof H5> {
  loaded ??= import('h5wasm/node').then(async (lib) => {
    (await lib.ready).activate_throwing_error_handler();
    return lib;
  });
  return loaded;
}

/** A dataset read whole: its values, shape and h5wasm dtype string. */
export interface Hdf5Array {
  value: unknown;
  shape: number[];
  dtype: string;
}

/** An open HDF5 file with typed errors for missing keys. */
export interface Hdf5Reader {
  keys(): string[];
  has(key: string): boolean;
  read(key: string): Hdf5Array;
}

/**
 * Opens an HDF5 file read-only with h5wasm (the HDF5 C library compiled to wasm; see
 * docs/decisions/0002-hdf5-reader.md), runs `use`, and always closes it. A file that is not
 * HDF5, or one the library cannot read, becomes a typed error naming the file.
 */
export async function withHdf5<T>(file: string, use: (reader: Hdf5Reader) => T): Promise<T> {
  await assertFileExists(file);
  if (!(await isHdf5(file))) {
    throw new DataError(
      'DATA_NOT_HDF5',
      'not an HDF5 file (no \\x89HDF signature at byte 0, 512, 1024, …)',
      { file },
      'pass the .h5 file itself, not an archive or a renamed file',
      { message: { key: 'errCore.data.notHdf5' }, hint: { key: 'errCore.data.notHdf5Fix' } },
    );
  }
  const lib = await h5wasm();
  let h5: H5.File;
  try {
    h5 = new lib.File(file, 'r');
  } catch (e) {
    throw unreadable(file, e);
  }
  try {
    return use(readerOf(lib, h5, file));
  } catch (e) {
    if (e instanceof FitcheckError) throw e;
    throw unreadable(file, e);
  } finally {
    h5.close();
  }
}

function readerOf(lib: typeof H5, h5: H5.File, file: string): Hdf5Reader {
  const keys = (): string[] => h5.keys();
  return {
    keys,
    has: (key) => keys().includes(key),
    read(key) {
      const entity = keys().includes(key) ? h5.get(key) : null;
      if (!(entity instanceof lib.Dataset)) {
        throw new DataError(
          'DATA_MISSING_KEY',
          `expected a dataset "${key}"; the file has: ${keys().join(', ') || 'nothing'}`,
          { file, key },
          'this is not the expected data file',
          {
            message: keys().length > 0
              ? { key: 'errCore.data.missingKey', params: { key, keys: keys().join(', ') } }
              : { key: 'errCore.data.missingKeyEmpty', params: { key } },
            hint: { key: 'errCore.data.missingKeyFix' },
          },
        );
      }
      const shape = (entity.shape ?? []).map(Number);
      return { value: entity.value, shape, dtype: String(entity.dtype) };
    },
  };
}

function unreadable(file: string, e: unknown): DataError {
  // HDF5's own diagnostic is a multi-line stack of C frames: keep its first error line only.
  const text = e instanceof Error ? e.message : String(e);
  const first = text.split('\n').find((l) => /#000:/.test(l)) ?? text.split('\n')[0] ?? '';
  const reason = first.replace(/^.*? in /, '').trim();
  return new DataError(
    'DATA_UNREADABLE_HDF5',
    `the HDF5 library cannot read this file${reason ? ` (${reason})` : ''}; it may be truncated or damaged`,
    { file },
    'copy or download the file again',
    {
      // The library's reason is its own English: a detail, shown as it said it.
      message: reason ? { key: 'errCore.data.unreadableHdf5Why', params: { reason } } : { key: 'errCore.data.unreadableHdf5' },
      hint: { key: 'errCore.data.copyAgainFix' },
    },
  );
}
