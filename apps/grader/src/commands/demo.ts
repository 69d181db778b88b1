import { join } from 'node:path';
import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { gradeAndReport } from '../cli/grade-and-report.js';
import { REPO_ROOT } from '../lab/paths.js';

const command = defineCommand({
  meta: { name: 'demo', description: 'Grade the reference solution with the check profile: score table, results.json and report.html' },
  args: {
    out: { type: 'string', default: 'out/demo', description: 'Where results.json and the report go' },
    lang: { type: 'string', description: "en or pt-BR (default: the lab's, pt-BR for lab5)" },
  },
  async run({ args }) {
    const dir = join(REPO_ROOT, 'fixtures', 'submissions', 'reference');
    await gradeAndReport({ dir, out: args.out, profile: 'check', table: true, report: true, ...(args.lang !== undefined && { lang: args.lang }) });
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
