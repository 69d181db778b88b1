import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { FitcheckError } from '@fitcheck/core';
import { intFlag } from '../batch/int-flag.js';
import { progressPrinter } from '../format/progress.js';
import { isLang } from '../report/locale.js';
import { LANGS } from '../report/types.js';
import { assertGraded, gradeSubmission } from '../run/grade-submission.js';

/** `--lang` must name a report language; the grader's own strings are English so far (keyed in messages/). */
export function checkLang(lang: string | undefined): void {
  if (lang !== undefined && !isLang(lang)) {
    throw new FitcheckError('INVALID_FLAG', `--lang ${lang}: unknown language`, {}, `use one of: ${LANGS.join(', ')}`);
  }
}

const command = defineCommand({
  meta: { name: 'grade', description: 'Grade a submission folder into OUT/results.json (Gradescope format)' },
  args: {
    dir: { type: 'positional', required: true, description: 'Submission folder (holds lab5.yaml or lab5.json)' },
    out: { type: 'string', required: true, description: 'Output folder; results.json is always written there' },
    profile: { type: 'string', default: 'check', description: 'check (short), ci (TA, hidden set) or full (the notebook)' },
    seed: { type: 'string', description: "Seed for weights, shuffles and splits (default: the profile's)" },
    lang: { type: 'string', description: 'en or pt-BR (text is English until the locale files land)' },
    overrides: { type: 'string', description: 'TA overrides file (points + comment per student and item)' },
    quiet: { type: 'boolean', default: false, description: 'No progress on stderr' },
  },
  async run({ args }) {
    checkLang(args.lang);
    const outcome = await gradeSubmission({
      dir: args.dir,
      out: args.out,
      profile: args.profile,
      ...(args.seed !== undefined && { seed: intFlag('seed', args.seed, 0) }),
      ...(args.overrides !== undefined && { overrides: args.overrides }),
      ...(!args.quiet && { onEvent: progressPrinter(process.stderr) }),
    });
    process.stdout.write(`score ${outcome.results.score}/${outcome.results.max_score} → ${outcome.resultsPath}\n`);
    assertGraded(outcome);
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
