import { stat } from 'node:fs/promises';
import { DataError } from '../error-codes.js';

/** A missing path gives a typed error instead of Node's ENOENT stack trace. Returns the size in bytes. */
export async function assertFileExists(file: string): Promise<number> {
  try {
    const s = await stat(file);
    if (s.isFile()) return s.size;
  } catch {
    // Falls through to the typed error below.
  }
  throw new DataError('DATA_FILE_NOT_FOUND', 'no such data file', { file }, 'check the path', {
    message: { key: 'errCore.data.fileNotFound' },
    hint: { key: 'errCore.data.fileNotFoundFix' },
  });
}
