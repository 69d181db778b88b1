import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { formatScoreTable } from '../format/score-table.js';
import { progressPrinter } from '../format/progress.js';
import { assertGraded, gradeSubmission } from '../run/grade-submission.js';
import { checkLang } from './grade.js';

const command = defineCommand({
  meta: { name: 'check', description: 'Check your submission: static checks, a short training run, findings with fixes' },
  args: {
    dir: { type: 'positional', required: false, default: 'submission', description: 'Submission folder (default: submission/)' },
    out: { type: 'string', default: 'out/check', description: 'Where results.json goes' },
    lang: { type: 'string', description: 'en or pt-BR (text is English until the locale files land)' },
  },
  async run({ args }) {
    checkLang(args.lang);
    const outcome = await gradeSubmission({ dir: args.dir, out: args.out, profile: 'check', onEvent: progressPrinter(process.stderr) });
    if (outcome.exitCode === 0) process.stdout.write(`\n${formatScoreTable(outcome.results)}\n\nresults: ${outcome.resultsPath}\n`);
    assertGraded(outcome);
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
