import { join } from 'node:path';
import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { formatScoreTable } from '../format/score-table.js';
import { progressPrinter } from '../format/progress.js';
import { REPO_ROOT } from '../lab/paths.js';
import { assertGraded, gradeSubmission } from '../run/grade-submission.js';

const command = defineCommand({
  meta: { name: 'demo', description: 'Grade the reference solution with the check profile and print its score table' },
  args: {
    out: { type: 'string', default: 'out/demo', description: 'Where results.json goes' },
  },
  async run({ args }) {
    const dir = join(REPO_ROOT, 'fixtures', 'submissions', 'reference');
    process.stderr.write(`grading ${dir} (profile check)\n`);
    const outcome = await gradeSubmission({ dir, out: args.out, profile: 'check', onEvent: progressPrinter(process.stderr) });
    process.stdout.write(`\n${formatScoreTable(outcome.results)}\n\nresults: ${outcome.resultsPath}\n`);
    assertGraded(outcome);
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
