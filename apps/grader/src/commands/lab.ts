import { basename, join } from 'node:path';
import { defineCommand } from 'citty';
import { intFlag } from '../batch/int-flag.js';
import { progressPrinter } from '../format/progress.js';
import { runLab } from '../run/run-lab.js';
import { commandLang } from '../cli/cli-lang.js';
import { loadMessages } from '../messages/locale.js';
import { fixed, sayer } from '../messages/text.js';

const run = defineCommand({
  meta: { name: 'run', description: 'Train every model of the lab (the notebook, reproduced) into the reference cache and write its report (HTML, --pdf), TensorBoard logs, histories and summaries' },
  args: {
    profile: { type: 'string', default: 'check', description: 'check (minutes), ci, or full (the notebook: up to 10,000 epochs)' },
    out: { type: 'string', description: 'Output folder (default: out/<lab id>)' },
    seed: { type: 'string', description: "Seed (default: the profile's)" },
    only: { type: 'string', description: 'Comma-separated model keys, e.g. higgs.tiny,higgs.small' },
    lab: { type: 'string', default: 'lab5', description: 'Lab id under grading/labs, or the path of a lab folder' },
    lang: { type: 'string', description: "en or pt-BR: the report (default: the lab's)" },
    pdf: { type: 'boolean', default: false, description: 'Also print OUT/report.pdf with the system Chromium' },
    cache: { type: 'string', description: 'Folder of the reference runs: cached models are read, the others trained into it (default: FITCHECK_CACHE, else ~/.cache/fitcheck/references)' },
  },
  async run({ args }) {
    const lang = await commandLang({ lang: args.lang, lab: args.lab });
    const messages = loadMessages(lang);
    const say = sayer(messages);
    const { entries, files } = await runLab({
      lab: args.lab,
      profile: args.profile,
      out: args.out ?? join('out', basename(args.lab)),
      ...(args.seed !== undefined && { seed: intFlag('seed', args.seed, 0) }),
      ...(args.only !== undefined && { only: args.only.split(',').map((s) => s.trim()).filter(Boolean) }),
      pdf: args.pdf,
      lang,
      ...(args.cache !== undefined && { cache: args.cache }),
      onEvent: progressPrinter(process.stderr, 10, messages),
    });
    for (const e of entries) {
      const row = { model: e.model.padEnd(20), params: e.params ?? '—' };
      process.stdout.write(`${e.error !== null ? say('cli.labRunModelFailed', { ...row, error: e.error })
        : say('cli.labRunModel', { ...row, epochs: e.epochsRun ?? '—', best: fixed(e.bestValBce, 4), bestEpoch: e.bestEpoch ?? '—', accuracy: fixed(e.finalValAccuracy, 3) })}\n`);
    }
    process.stdout.write(`\n${files.join('\n')}\n`);
    const failed = entries.filter((e) => e.error !== null);
    // citty drops a subcommand's return value: a failed model is reported through the binary's catch (exit 1).
    if (failed.length > 0) throw new Error(say('cli.labRunFailed', { count: failed.length, models: failed.map((e) => e.model).join(', ') }));
    return 0;
  },
});

export default defineCommand({
  meta: { name: 'lab', description: 'Work with the lab itself (instructors)' },
  subCommands: { run },
});
