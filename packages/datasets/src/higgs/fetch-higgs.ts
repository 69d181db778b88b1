import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadFile, type DownloadProgress, type DownloadResult } from '../download/download-file.js';

/** The address the lab's notebook downloads from (UCI's HIGGS, via `tf.keras.utils.get_file`). */
export const HIGGS_URL = 'http://mlphysics.ics.uci.edu/data/higgs/HIGGS.csv.gz';
/** Size of UCI's HIGGS.csv.gz in bytes (11,000,000 rows). */
export const HIGGS_BYTES = 2_816_407_858;

export interface FetchHiggsOptions {
  /** Folder to put `HIGGS.csv.gz` in (created if missing). */
  destDir: string;
  /** Another mirror; then `expectedBytes` is not assumed. */
  url?: string;
  expectedBytes?: number;
  /** Expected sha256 of the whole file; the sum is always computed and returned. */
  sha256?: string;
  onProgress?: (progress: DownloadProgress) => void;
  idleTimeoutMs?: number;
}

/** Downloads the full HIGGS.csv.gz (2.6 GB) with resume, size and checksum checks. */
export async function fetchHiggs(options: FetchHiggsOptions): Promise<DownloadResult> {
  await mkdir(options.destDir, { recursive: true });
  const url = options.url ?? HIGGS_URL;
  const expectedBytes = options.expectedBytes ?? (url === HIGGS_URL ? HIGGS_BYTES : undefined);
  return downloadFile({
    url,
    dest: join(options.destDir, 'HIGGS.csv.gz'),
    ...(expectedBytes !== undefined ? { expectedBytes } : {}),
    ...(options.sha256 !== undefined ? { sha256: options.sha256 } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });
}
