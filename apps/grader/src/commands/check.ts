import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { gradeAndReport } from '../cli/grade-and-report.js';

const command = defineCommand({
  meta: { name: 'check', description: 'Check your submission: static checks, a short training run, findings with fixes' },
  args: {
    dir: { type: 'positional', required: false, default: 'submission', description: 'Submission folder (default: submission/)' },
    out: { type: 'string', default: 'out/check', description: 'Where results.json (and the report) go' },
    html: { type: 'boolean', default: false, description: 'Also write OUT/report.html and OUT/tensorboard/' },
    pdf: { type: 'boolean', default: false, description: 'Also print OUT/report.pdf (implies --html)' },
    lab: { type: 'string', description: "Lab id under grading/labs, or the path of a lab folder (default: the submission's lab: key, else the only lab)" },
    lang: { type: 'string', description: "en or pt-BR (default: the lab's, pt-BR for lab5)" },
    debug: { type: 'boolean', default: false, description: 'Write stack traces and training-process output to OUT/debug.log' },
  },
  async run({ args }) {
    await gradeAndReport({
      dir: args.dir, out: args.out, profile: 'check', debug: args.debug, table: true, report: args.html || args.pdf, pdf: args.pdf,
      ...(args.lang !== undefined && { lang: args.lang }),
      ...(args.lab !== undefined && { lab: args.lab }),
    });
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
