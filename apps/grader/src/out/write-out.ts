import { constants } from 'node:fs';
import { chmod, mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

/** Stable codes of what can go wrong with `--out` itself (the disk, the path), never the submission. */
export const OUT_ERROR = {
  /** `--out` names a file: a usage error. */
  notAFolder: 'OUT_NOT_A_FOLDER',
  /** Read-only file system, no permission: the environment. */
  notWritable: 'OUT_NOT_WRITABLE',
  /** No space left (or over quota): the environment. */
  outOfSpace: 'OUT_OF_SPACE',
} as const;

/**
 * Makes `out` a folder to write into, before anything is computed: a `--out` that names a file is
 * a usage error (nothing is written, and the message says so), a read-only or full disk an
 * environment error.
 */
export async function prepareOut(out: string): Promise<void> {
  const info = await stat(out).catch((e: unknown) => {
    if (errno(e) === 'ENOENT') return undefined;
    throw errno(e) === 'ENOTDIR' ? notAFolder(out) : outError(e, out);
  });
  if (info !== undefined && !info.isDirectory()) throw notAFolder(out);
  try {
    // A recursive mkdir says ENOENT on a read-only disk; the plain one names the real cause.
    await mkdir(out, { recursive: true }).catch((e: unknown) => (errno(e) === 'ENOENT' ? mkdir(out) : Promise.reject(e)));
  } catch (e) {
    throw errno(e) === 'ENOTDIR' || errno(e) === 'EEXIST' ? notAFolder(out) : outError(e, out);
  }
}

function notAFolder(out: string): GraderError {
  return new GraderError(OUT_ERROR.notAFolder, text('errLab.outNotAFolder', { out }), { file: out }, text('errLab.outNotAFolderHint'));
}

/**
 * Writes a file under `--out` so that a reader (or a batch resumed after SIGKILL) sees either the
 * old content or the new, never a torn one, and so that no link already inside `--out` is
 * followed: a fresh temp file is created beside the target with `O_CREAT | O_EXCL` (which never
 * follows a link, even one planted under that name), written, fsynced and renamed over the target
 * (a rename replaces a link planted there; it does not write through it), then the folder is
 * fsynced so the rename itself survives. A failed write leaves no temp file and no partial target.
 * @throws GraderError `OUT_NOT_WRITABLE` / `OUT_OF_SPACE` for a read-only or full disk.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw outError(e, path);
  }
  await syncDir(dirname(path));
}

/**
 * Appends to a file under `--out` without writing through a link planted under its name
 * (`O_NOFOLLOW`): such a link is removed, as a rename over it would, and a real file started.
 */
export async function appendFileNoFollow(path: string, data: string): Promise<void> {
  const append = async (): Promise<void> => {
    const file = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    try {
      await file.writeFile(data);
    } finally {
      await file.close();
    }
  };
  try {
    await append().catch(async (e: unknown) => {
      if (errno(e) !== 'ELOOP') throw e;
      await rm(path, { force: true });
      await append();
    });
  } catch (e) {
    throw outError(e, path);
  }
}

/**
 * Replaces the folder `target` (under `--out`) by one that `fill` writes into a fresh temp folder
 * beside it: whatever `target` was — an old run's folder, or a link to a folder elsewhere — it is
 * removed (a link itself, never what it points to) and the new folder renamed into its place, so
 * nothing is written through a link and a failure leaves the old folder or none, never half of one.
 */
export async function replaceDir<T>(target: string, fill: (temp: string) => Promise<T>): Promise<T> {
  let temp: string | undefined;
  try {
    temp = await mkdtemp(join(dirname(target), `.${basename(target)}-`));
    await chmod(temp, 0o755);
    const result = await fill(temp);
    await rm(target, { recursive: true, force: true });
    await rename(temp, target);
    return result;
  } catch (e) {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
    throw outError(e, target);
  }
}

/** fsync a directory so that entries renamed into it are durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A read-only or full disk as the environment error it is (printed once, exit 1); anything else unchanged. */
export function outError(e: unknown, path: string): unknown {
  const code = errno(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new GraderError(OUT_ERROR.outOfSpace, text('errLab.outOfSpace', { path }), { file: path }, text('errLab.outOfSpaceHint'));
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    const reason = text(code === 'EROFS' ? 'errLab.readOnly' : 'errLab.permissionDenied');
    return new GraderError(OUT_ERROR.notWritable, text('errLab.outNotWritable', { path, reason }), { file: path }, text('errLab.outNotWritableHint'));
  }
  return e;
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}
