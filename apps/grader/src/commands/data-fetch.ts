import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import cliProgress from 'cli-progress';

import type { DownloadResult } from '@fitcheck/datasets';
import { isFitcheckError } from '@fitcheck/core/errors';
import { commandLang } from '../cli/cli-lang.js';
import { DATASET_KINDS, datasetKind } from '../datasets/index.js';
import { asDataInputError, GraderError } from '../errors.js';
import { loadMessages, translate, type Lang } from '../messages/locale.js';
import { text } from '../messages/text.js';

export interface FetchDataOptions {
  dest: string;
  url?: string;
  sha256?: string;
  /** Draw a progress bar on stderr (off in tests and pipes). */
  progress?: boolean;
  /** The language of the line that says what was done (default en). */
  lang?: Lang;
}

/** The kinds whose full data `fitcheck data fetch` downloads (their module declares a `download`). */
const fetchable = (): string[] => DATASET_KINDS.filter((k) => k.download).map((k) => k.name);

/** `fitcheck data fetch <kind>` (`higgs`): downloads the kind's full data with resume and checks, and says what it did in `lang`. */
export async function fetchData(dataset: string, options: FetchDataOptions): Promise<string> {
  const download = datasetKind(dataset)?.download;
  if (!download) {
    const kinds = fetchable().map((k) => `"${k}"`).join(', ');
    throw new GraderError('INVALID_FLAG', text('errLab.fetchUnknownDataset', { dataset, kinds }), { key: 'dataset' });
  }
  const bar = options.progress
    ? new cliProgress.SingleBar(
        { format: `${download.what} [{bar}] {percentage}% {value}/{total} MB`, stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const mb = (bytes: number): number => Math.floor(bytes / 1e6);
  let result: DownloadResult;
  try {
    result = await download.fetch({
      destDir: options.dest,
      ...(options.url ? { url: options.url } : {}),
      ...(options.sha256 ? { sha256: options.sha256 } : {}),
      onProgress: ({ received, total }) => {
        if (!bar) return;
        if (!bar.isActive) bar.start(mb(total ?? received), mb(received));
        bar.setTotal(mb(total ?? received));
        bar.update(mb(received));
      },
    });
  } catch (e) {
    // A file that does not match the checksum or address the user gave is their input (exit 2); a
    // failed or interrupted download stays the network's (exit 1).
    const theirs = (options.sha256 !== undefined || options.url !== undefined)
      && isFitcheckError(e) && (e.code === 'DATA_CHECKSUM_MISMATCH' || e.code === 'DOWNLOAD_SIZE_MISMATCH');
    throw theirs ? asDataInputError(e) : e;
  } finally {
    bar?.stop();
  }
  const how = result.alreadyPresent ? 'alreadyPresent' : result.resumedFrom > 0 ? 'resumed' : 'downloaded';
  const said = { file: result.file, from: result.resumedFrom, bytes: result.bytes, sha256: result.sha256 };
  return `${translate(loadMessages(options.lang ?? 'en'), `dataFetch.${how}`, said)}\n`;
}

const command = defineCommand({
  meta: { name: 'fetch', description: "Download a dataset kind's full data (higgs: HIGGS.csv.gz, 2.6 GB) with progress, resume and checks" },
  args: {
    dataset: { type: 'positional', required: true, description: `The dataset kind: ${fetchable().join(', ')}` },
    dest: { type: 'string', default: 'data', description: 'Folder to download into (default: ./data)' },
    url: { type: 'string', description: `Another address (default: ${DATASET_KINDS.flatMap((k) => k.download ? [`${k.name}: ${k.download.defaultUrl}`] : []).join('; ')})` },
    sha256: { type: 'string', description: 'Expected sha256 of the whole file' },
    lang: { type: 'string', description: "en or pt-BR: what this command prints (default: the course's language)" },
  },
  async run({ args }) {
    process.stdout.write(
      await fetchData(args.dataset, {
        dest: args.dest,
        ...(args.url ? { url: args.url } : {}),
        ...(args.sha256 ? { sha256: args.sha256 } : {}),
        progress: process.stderr.isTTY === true,
        lang: await commandLang({ lang: args.lang }),
      }),
    );
    return 0;
  },
});

export default command as unknown as CommandDef;
