import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { regrade } from '../regrade/regrade.js';

const command = defineCommand({
  meta: { name: 'regrade', description: "Apply the TA's overrides to grades already computed (a batch's OUT or one grade's): results.json, reports, gradebook and summary again; nothing is trained" },
  args: {
    out: { type: 'positional', required: true, description: 'A folder written by fitcheck batch --out or fitcheck grade --out' },
    overrides: { type: 'string', required: true, description: 'CSV with student,item,points,comment (or the YAML/JSON overrides file)' },
    pdf: { type: 'boolean', default: false, description: 'Print every report again as PDF, with one browser' },
  },
  async run({ args }) {
    const outcome = await regrade({ out: args.out, overrides: args.overrides, pdf: args.pdf });
    const lines = [`${outcome.regraded.length} submission(s) scored again in ${args.out}; nothing trained`];
    if (outcome.skipped.length > 0) lines.push(`not graded, so not scored again (grade them again first): ${outcome.skipped.join(', ')}`);
    if (outcome.unmatched.length > 0) lines.push(`overrides for no submission in ${args.out}: ${[...new Set(outcome.unmatched.map((o) => o.student))].join(', ')}`);
    if (outcome.pdfs?.error) lines.push(`fitcheck: ${outcome.pdfs.error.code}: ${outcome.pdfs.error.message} (the HTML reports are written)`);
    else if (outcome.pdfs) lines.push(`${outcome.pdfs.printed} PDF reports printed`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
});

export default command as unknown as CommandDef;
