import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { numberFlag } from '../cli/number-flag.js';
import { runAutograder } from '../gradescope/run.js';

const command = defineCommand({
  meta: { name: 'run', description: "run_autograder's work: grade ROOT/submission into ROOT/results/results.json (ROOT laid out like Gradescope's /autograder)" },
  args: {
    root: { type: 'string', default: '/autograder', description: "Gradescope's folder: submission/, submission_metadata.json and results/ under it" },
    lab: { type: 'string', description: 'Lab id or folder (default: the one the autograder was built for)' },
    profile: { type: 'string', description: 'Profile (default: the one the autograder was built for)' },
    timeout: { type: 'string', description: "The assignment's autograder timeout in minutes (default: the one the autograder was built for)" },
  },
  async run({ args }) {
    await runAutograder({
      root: args.root,
      ...(args.lab !== undefined && { lab: args.lab }),
      ...(args.profile !== undefined && { profile: args.profile }),
      ...(args.timeout !== undefined && { timeoutMinutes: numberFlag('timeout', args.timeout, { min: 1, max: 40 }) }),
    });
    // results.json is written whatever the grade: that is the whole of what Gradescope reads.
    return 0;
  },
});

export default command as unknown as CommandDef;
