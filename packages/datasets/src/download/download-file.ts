import { open, rename, rm, stat } from 'node:fs/promises';
import { FitcheckError } from '@fitcheck/core/errors';
import { DataError } from '../error-codes.js';
import { sha256File } from '../integrity/sha256.js';

export interface DownloadProgress {
  /** Bytes on disk so far, the resumed part included. */
  received: number;
  /** Size of the whole file when the server says it. */
  total: number | undefined;
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  /** Final path; the download grows in `<dest>.part` and is renamed when complete and checked. */
  dest: string;
  expectedBytes?: number;
  /** Hex sha256 the finished file must have. */
  sha256?: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** Abort when no byte arrives for this long. Default 60 s. */
  idleTimeoutMs?: number;
}

export interface DownloadResult {
  file: string;
  bytes: number;
  sha256: string;
  /** Bytes already in `<dest>.part` that were kept (0: a fresh download). */
  resumedFrom: number;
  /** The finished file was already there and passed the checks. */
  alreadyPresent: boolean;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

/**
 * Downloads `url` to `dest` with resume: after an interruption the next call asks the server
 * for `Range: bytes=<size of .part>-` and appends (a server that ignores ranges restarts it).
 * The finished file must match `expectedBytes` and `sha256` before it takes its final name;
 * a checksum mismatch deletes the part so that the next attempt starts clean.
 */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { dest, expectedBytes } = options;
  const part = `${dest}.part`;

  const existing = await sizeOf(dest);
  if (existing !== undefined && (expectedBytes === undefined || existing === expectedBytes)) {
    const sum = await sha256File(dest);
    if (options.sha256 === undefined || sum === options.sha256.toLowerCase()) {
      return { file: dest, bytes: existing, sha256: sum, resumedFrom: 0, alreadyPresent: true };
    }
  }

  let offset = (await sizeOf(part)) ?? 0;
  if (expectedBytes !== undefined && offset > expectedBytes) {
    await rm(part);
    offset = 0;
  }
  const resumedFrom = offset;
  if (expectedBytes === undefined || offset < expectedBytes) {
    await fetchInto(options, part, offset);
  }
  return finish(options, part, resumedFrom);
}

async function fetchInto(options: DownloadOptions, part: string, offset: number): Promise<void> {
  const { url } = options;
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), idleMs);
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleMs);
  };
  let received = offset;
  let total: number | undefined;
  try {
    const res = await fetch(url, { headers: offset > 0 ? { Range: `bytes=${offset}-` } : {}, signal: controller.signal });
    if (res.status === 416 && offset > 0) {
      // The part already holds every byte: nothing left to fetch.
      await res.body?.cancel();
      return;
    }
    if (res.status !== 200 && res.status !== 206) {
      await res.body?.cancel();
      throw new DataError('DOWNLOAD_HTTP_ERROR', `HTTP ${res.status} ${res.statusText} for ${url}`, { file: url }, undefined, {
        message: { key: 'errCore.data.httpError', params: { status: String(res.status), statusText: res.statusText, url } },
      });
    }
    const range = /bytes (\d+)-\d+\/(\d+)/.exec(res.headers.get('content-range') ?? '');
    const resumed = res.status === 206 && range !== null && Number(range[1]) === offset;
    if (!resumed) received = 0;
    const length = Number(res.headers.get('content-length') ?? NaN);
    total = range ? Number(range[2]) : Number.isFinite(length) ? received + length : undefined;
    if (!res.body) return;
    const resumedFrom = resumed ? offset : 0;
    options.onProgress?.({ received, total, resumedFrom });
    // Each chunk is on disk before the next is read, so an interruption keeps every byte received.
    const handle = await open(part, resumed ? 'a' : 'w');
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        touch();
        await handle.write(chunk);
        received += chunk.length;
        options.onProgress?.({ received, total, resumedFrom });
      }
    } finally {
      await handle.close();
    }
    if (total !== undefined && received < total) throw new Error('the server closed the connection early');
  } catch (e) {
    if (e instanceof FitcheckError) throw e;
    const idle = controller.signal.aborted;
    const why = idle ? `no data for ${idleMs / 1000} s` : e instanceof Error ? e.message : String(e);
    throw new DataError(
      'DOWNLOAD_INTERRUPTED',
      `download interrupted after ${received} of ${total ?? '?'} bytes (${why}); the part is kept`,
      { file: part },
      'run the same command again to resume',
      {
        // A network library's reason is its own English: a detail, shown as it said it.
        message: { key: 'errCore.data.interrupted', params: {
          received: String(received), total: String(total ?? '?'),
          why: idle ? { key: 'errCore.data.idle', params: { seconds: idleMs / 1000 } } : why,
        } },
        hint: { key: 'errCore.data.resumeFix' },
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

async function finish(options: DownloadOptions, part: string, resumedFrom: number): Promise<DownloadResult> {
  const bytes = (await sizeOf(part)) ?? 0;
  if (options.expectedBytes !== undefined && bytes !== options.expectedBytes) {
    throw new DataError(
      bytes < options.expectedBytes ? 'DOWNLOAD_INTERRUPTED' : 'DOWNLOAD_SIZE_MISMATCH',
      `expected ${options.expectedBytes} bytes, have ${bytes}`,
      { file: part },
      bytes < options.expectedBytes ? 'run the same command again to resume' : 'delete the .part file and download again',
      {
        message: { key: 'errCore.data.sizeMismatch', params: { expected: String(options.expectedBytes), bytes: String(bytes) } },
        hint: { key: bytes < options.expectedBytes ? 'errCore.data.resumeFix' : 'errCore.data.deletePartFix' },
      },
    );
  }
  const sum = await sha256File(part);
  if (options.sha256 !== undefined && sum !== options.sha256.toLowerCase()) {
    await rm(part);
    throw new DataError(
      'DATA_CHECKSUM_MISMATCH',
      `sha256 mismatch: expected ${options.sha256.toLowerCase()}, got ${sum}; the damaged download was deleted`,
      { file: options.dest },
      'download again; if it keeps failing, the source changed',
      {
        message: { key: 'errCore.data.downloadChecksum', params: { expected: options.sha256.toLowerCase(), actual: sum } },
        hint: { key: 'errCore.data.downloadChecksumFix' },
      },
    );
  }
  await rename(part, options.dest);
  return { file: options.dest, bytes, sha256: sum, resumedFrom, alreadyPresent: false };
}
