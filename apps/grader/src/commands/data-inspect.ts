import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { inspectDataFile, type DataFileReport } from '@fitcheck/datasets';
import { asDataInputError } from '../errors.js';

function describeReport(file: string, r: DataFileReport): string {
  const what = r.format === 'hdf5' ? 'HDF5 cat/non-cat images' : 'HIGGS CSV (label + 28 features)';
  const n = (v: number): string => v.toLocaleString('en-US');
  const lines = [
    `${file}: ${what}`,
    `  features  [${r.shape.join(', ')}]`,
    `  labels    0: ${n(r.labelCounts['0'])}, 1: ${n(r.labelCounts['1'])}`,
  ];
  if (r.classes) lines.push(`  classes   ${r.classes.map((c, i) => `${i} = ${c}`).join(', ')}`);
  lines.push(`  sha256    ${r.sha256}`);
  return `${lines.join('\n')}\n`;
}

/** What `fitcheck data inspect FILE [--json]` prints: a short description, or one JSON object. */
export async function inspectData(file: string, options: { json?: boolean } = {}): Promise<string> {
  const report = await inspectDataFile(file).catch((e: unknown) => {
    throw asDataInputError(e);
  });
  return options.json ? `${JSON.stringify(report)}\n` : describeReport(file, report);
}

const command = defineCommand({
  meta: { name: 'inspect', description: 'Read a HIGGS .csv.gz or a cat/non-cat .h5 file whole and say what it holds' },
  args: {
    file: { type: 'positional', required: true, description: 'e.g. fixtures/datasets/higgs/HIGGS_first_10000.csv.gz' },
    json: { type: 'boolean', description: 'One JSON object: format, shape, labelCounts, sha256 (+ classes for HDF5)' },
  },
  async run({ args }) {
    process.stdout.write(await inspectData(args.file, { json: args.json === true }));
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
