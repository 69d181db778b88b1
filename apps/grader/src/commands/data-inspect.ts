import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { inspectDataFile, type DataFileReport } from '@fitcheck/datasets';
import { commandLang } from '../cli/cli-lang.js';
import { asDataInputError } from '../errors.js';
import { loadMessages, translate, type Lang } from '../messages/locale.js';
import { formatValue } from '../report/format.js';

function describeReport(file: string, r: DataFileReport, lang: Lang): string {
  const messages = loadMessages(lang);
  const t = (key: string) => translate(messages, `dataInspect.${key}`);
  const n = (v: number): string => formatValue(lang, v);
  // The labels' column is as wide as the longest label in the reader's language.
  const [features, labels, classes] = [t('features'), t('labels'), t('classes')];
  const width = Math.max(features.length, labels.length, classes.length, 'sha256'.length) + 2;
  const row = (label: string, value: string) => `  ${label.padEnd(width)}${value}`;
  const lines = [
    `${file}: ${t(r.format === 'hdf5' ? 'hdf5' : 'csv')}`,
    row(features, `[${r.shape.join(', ')}]`),
    row(labels, `0: ${n(r.labelCounts['0'])}, 1: ${n(r.labelCounts['1'])}`),
  ];
  // The class names are the file's own bytes (b"non-cat"), shown as stored.
  if (r.classes) lines.push(row(classes, r.classes.map((c, i) => `${i} = ${c}`).join(', ')));
  lines.push(row('sha256', r.sha256));
  return `${lines.join('\n')}\n`;
}

/** What `fitcheck data inspect FILE [--json]` prints: a short description in `lang`, or one JSON object. */
export async function inspectData(file: string, options: { json?: boolean; lang?: Lang } = {}): Promise<string> {
  const report = await inspectDataFile(file).catch((e: unknown) => {
    throw asDataInputError(e);
  });
  return options.json ? `${JSON.stringify(report)}\n` : describeReport(file, report, options.lang ?? 'en');
}

const command = defineCommand({
  meta: { name: 'inspect', description: 'Read a HIGGS .csv.gz or a cat/non-cat .h5 file whole and say what it holds' },
  args: {
    file: { type: 'positional', required: true, description: 'e.g. fixtures/datasets/higgs/HIGGS_first_10000.csv.gz' },
    json: { type: 'boolean', description: 'One JSON object: format, shape, labelCounts, sha256 (+ classes for HDF5)' },
    lang: { type: 'string', description: "en or pt-BR: what this command prints (default: the course's language)" },
  },
  async run({ args }) {
    process.stdout.write(await inspectData(args.file, { json: args.json === true, lang: await commandLang({ lang: args.lang }) }));
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
