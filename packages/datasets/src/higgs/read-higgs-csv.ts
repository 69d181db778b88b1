import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { wholeNumber } from '../check-option.js';
import { DataError } from '../error-codes.js';
import { assertFileExists } from '../integrity/file-exists.js';
import { verifyIfKnown } from '../integrity/sha256.js';
import type { LabeledArrays, RowRange } from '../types.js';
import { HIGGS_FEATURES, HiggsCsvParser, type HiggsBatch } from './higgs-csv-parser.js';

export interface ReadHiggsOptions {
  /** Rows to pass over first (scanned, not parsed). Default 0. */
  skip?: number;
  /** Rows to read after them. Default: to the end of the file. */
  take?: number;
  /** Rows per yielded batch. Default 10,000, as the lab's notebook packs them. */
  batchRows?: number;
  /** Expected sha256 of the file; shipped fixtures are checked against their known sum anyway. */
  sha256?: string;
}

/** True when the file starts with the gzip magic bytes 1f 8b (else it is read as plain CSV). */
export async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Streams a HIGGS `.csv.gz` (or plain `.csv`) through node:zlib — no unpacked copy on disk —
 * yielding batches of `(Float32Array features [rows × 28], labels [rows])`. With `skip`/`take`
 * only the rows wanted are parsed and reading stops right after them, so rows 1,001–11,000 of
 * the 11-million-row file cost a few megabytes of decompression.
 */
export async function* readHiggsCsv(file: string, options: ReadHiggsOptions = {}): AsyncGenerator<HiggsBatch> {
  const skip = wholeNumber('skip', options.skip ?? 0);
  const take = wholeNumber('take', options.take ?? Infinity, { allowInfinity: true });
  const batchRows = wholeNumber('batchRows', options.batchRows ?? 10_000, { min: 1 });
  await assertFileExists(file);
  await verifyIfKnown(file, options.sha256);
  if (take === 0) return;

  const parser = new HiggsCsvParser({ file, skip, take, batchRows });
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  let stream: Readable = source;
  if (await isGzip(file)) {
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    source.on('error', (e) => gunzip.destroy(e));
    stream = source.pipe(gunzip);
  }
  try {
    for await (const chunk of stream) {
      for (const batch of parser.push(chunk as Buffer)) yield batch;
      if (parser.done) return;
    }
  } catch (e) {
    throw asTypedStreamError(e, file, parser.row + 1);
  } finally {
    source.destroy();
    stream.destroy();
  }
  for (const batch of parser.finish()) yield batch;
}

function asTypedStreamError(e: unknown, file: string, row: number): unknown {
  const code = (e as { code?: unknown }).code;
  if (code === 'Z_BUF_ERROR') {
    return new DataError(
      'DATA_TRUNCATED_GZIP',
      `the gzip stream ends early (unexpected end of file) while reading row ${row}`,
      { file, row },
      'the file is truncated: download or copy it again',
      { message: { key: 'errCore.data.truncatedGzip', params: { row: String(row) } }, hint: { key: 'errCore.data.truncatedGzipFix' } },
    );
  }
  if (code === 'Z_DATA_ERROR' || code === 'Z_STREAM_ERROR') {
    return new DataError(
      'DATA_CORRUPT_GZIP',
      `the gzip data is corrupt near row ${row} (${(e as Error).message})`,
      { file, row },
      'the file is damaged: download or copy it again',
      {
        // zlib's reason is its own English: a detail, shown as it said it.
        message: { key: 'errCore.data.corruptGzip', params: { row: String(row), reason: (e as Error).message } },
        hint: { key: 'errCore.data.corruptGzipFix' },
      },
    );
  }
  return e;
}

/** Rows read into one array pair, and which file rows they were. */
export interface HiggsRows {
  data: LabeledArrays;
  /** 1-based inclusive file rows read; `[0, 0]` when none. */
  rows: RowRange;
}

/**
 * Reads `take` rows after `skip` into one `[n, 28]` array. When `take` is given the file must
 * have that many rows (`DATA_TOO_FEW_ROWS` otherwise): a dataset is never silently shorter.
 */
export async function loadHiggsCsv(file: string, options: ReadHiggsOptions = {}): Promise<HiggsRows> {
  const batches: HiggsBatch[] = [];
  let n = 0;
  for await (const batch of readHiggsCsv(file, options)) {
    batches.push(batch);
    n += batch.rows;
  }
  const skip = options.skip ?? 0;
  if (options.take !== undefined && n < options.take) {
    throw new DataError(
      'DATA_TOO_FEW_ROWS',
      `asked for ${options.take} rows after row ${skip}, but the file ends after row ${skip + n}`,
      { file, row: skip + n + 1 },
      'ask for fewer rows (the shipped fixture has 10,000) or use the full HIGGS file',
      {
        message: { key: 'errCore.data.tooFewRows', params: { take: String(options.take), skip: String(skip), last: String(skip + n) } },
        hint: { key: 'errCore.data.tooFewRowsFix' },
      },
    );
  }
  return { data: concatBatches(batches, n), rows: n === 0 ? [0, 0] : [skip + 1, skip + n] };
}

function concatBatches(batches: HiggsBatch[], n: number): LabeledArrays {
  const only = batches.length === 1 ? batches[0] : undefined;
  if (only) return { x: only.x, y: only.y, shape: [n, HIGGS_FEATURES] };
  const x = new Float32Array(n * HIGGS_FEATURES);
  const y = new Float32Array(n);
  let at = 0;
  for (const b of batches) {
    x.set(b.x, at * HIGGS_FEATURES);
    y.set(b.y, at);
    at += b.rows;
  }
  return { x, y, shape: [n, HIGGS_FEATURES] };
}
