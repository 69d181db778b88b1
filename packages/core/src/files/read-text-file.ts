import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, open, readlink, realpath } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { FitcheckError } from '../errors.js';

/** Stable codes of {@link readTextFile}'s refusals: the file is the problem, not fitcheck. */
export const FILE_ERROR = {
  notFound: 'FILE_NOT_FOUND',
  notRegular: 'FILE_NOT_REGULAR',
  outsideFolder: 'FILE_OUTSIDE_FOLDER',
  tooLarge: 'FILE_TOO_LARGE',
  notText: 'FILE_NOT_TEXT',
  unreadable: 'FILE_UNREADABLE',
} as const;

export type FileErrorCode = (typeof FILE_ERROR)[keyof typeof FILE_ERROR];

export interface ReadTextFileOptions {
  /** Refuse larger files unread (and files that grow past it while being read). */
  maxBytes: number;
  /** The file must lie inside this folder once every link is resolved. */
  root?: string;
  /** The folder as messages name it (default: "its folder"). */
  rootName?: string;
  /** The file as messages name it (default: the path). */
  shownAs?: string;
}

/**
 * Reads a UTF-8 text file that someone else wrote (a submission, a class folder, a model file
 * named on the command line) so that no file can hang, flood or escape the read:
 * links are resolved and the target must lie inside `root`; the file is opened with
 * `O_NOFOLLOW | O_NONBLOCK` (a FIFO opens at once instead of waiting for a writer) and `fstat`ed
 * through the open descriptor, so only a regular file of at most `maxBytes` is read, whatever the
 * path pointed at a moment before; and a file holding a NUL byte or a UTF-16 byte-order mark is
 * refused with the place of the first one instead of being decoded into noise.
 *
 * @throws FitcheckError with a {@link FILE_ERROR} code, the file and (for NUL bytes) line and column.
 */
export async function readTextFile(path: string, options: ReadTextFileOptions): Promise<string> {
  const shown = options.shownAs ?? path;
  const fail = (code: FileErrorCode, message: string, hint?: string, place: { line?: number; column?: number } = {}): FitcheckError =>
    new FitcheckError(code, `${shown} ${message}`, { file: shown, ...place }, hint);
  const folder = options.rootName ?? 'its folder';

  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    const link = await lstat(path).then((s) => s.isSymbolicLink(), () => false);
    if (link) throw fail(FILE_ERROR.notFound, 'is a link to nothing that can be read', 'replace the link by the file itself');
    if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') throw fail(FILE_ERROR.notFound, 'does not exist');
    throw fail(FILE_ERROR.unreadable, `cannot be read (${errno(e) ?? String(e)})`);
  }
  const realRoot = options.root === undefined ? undefined : await realpath(options.root);
  const outside = (): FitcheckError =>
    fail(FILE_ERROR.outsideFolder, `leads outside ${folder}; only files inside it are read`, `put the file itself inside ${folder}`);
  if (realRoot !== undefined && !isInside(realRoot, real)) throw outside();

  let handle: FileHandle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    // ELOOP: the last part became a link after realpath resolved it.
    throw fail(FILE_ERROR.unreadable, `cannot be read (${errno(e) ?? String(e)})`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw fail(FILE_ERROR.notRegular, `is ${kindOf(info)}, not a regular file`, 'only regular files are read: replace it by the file itself');
    // What was opened, whatever a folder on the way was swapped for in between (Linux names it in /proc).
    const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
    if (realRoot !== undefined && opened !== undefined && isAbsolute(opened) && !isInside(realRoot, opened)) throw outside();
    const tooLarge = (size: number): FitcheckError =>
      fail(FILE_ERROR.tooLarge, `is ${size} bytes; at most ${options.maxBytes} are read`, 'a file for fitcheck is a few kilobytes: remove what it does not need');
    if (info.size > options.maxBytes) throw tooLarge(info.size);
    const buffer = Buffer.alloc(options.maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > options.maxBytes) throw tooLarge(length);
    }
    const bytes = buffer.subarray(0, length);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw fail(FILE_ERROR.notText, 'is UTF-16 text', 'save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)', { line: 1, column: 1 });
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      const before = bytes.subarray(0, nul).toString('utf8');
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      throw fail(FILE_ERROR.notText, 'holds a NUL byte: it is binary, or text in UTF-16', 'save it as UTF-8 text', { line, column });
    }
    return bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** True when the real (link-free) path `real` lies strictly inside the real folder `root`. */
export function isInside(root: string, real: string): boolean {
  const inside = relative(root, real);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  return 'not a file';
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}
