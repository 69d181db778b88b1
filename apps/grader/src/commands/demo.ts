import { join } from 'node:path';
import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { gradeAndReport } from '../cli/grade-and-report.js';
import { GraderError } from '../errors.js';
import { loadLab } from '../lab/load-lab.js';
import { REPO_ROOT } from '../lab/paths.js';
import { text } from '../messages/text.js';

const command = defineCommand({
  meta: { name: 'demo', description: "Grade the lab's reference solution with the check profile: score table, results.json and report.html" },
  args: {
    lab: { type: 'string', default: 'lab5', description: 'Lab id under grading/labs, or the path of a lab folder (its submission.reference is graded)' },
    out: { type: 'string', default: 'out/demo', description: 'Where results.json and the report go' },
    lang: { type: 'string', description: "en or pt-BR (default: the lab's)" },
  },
  async run({ args }) {
    const lab = await loadLab(args.lab);
    const reference = lab.definition.submission.reference;
    if (reference === undefined) {
      throw new GraderError('INVALID_FLAG', text('errLab.noReference', { lab: lab.definition.id }), { file: join(lab.dir, 'lab.yaml') }, text('errLab.noReferenceHint'));
    }
    await gradeAndReport({
      dir: join(REPO_ROOT, reference), out: args.out, lab: args.lab, profile: 'check', table: true, report: true,
      ...(args.lang !== undefined && { lang: args.lang }),
    });
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
