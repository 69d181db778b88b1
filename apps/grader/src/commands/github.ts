import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { githubReport } from '../github/github-report.js';

const command = defineCommand({
  meta: { name: 'github', description: "In a GitHub Actions job: the score table as the job summary and one annotation per finding at its file:line:col" },
  args: {
    out: { type: 'positional', required: false, default: 'out/check', description: 'The folder `pnpm check` wrote (default: out/check)' },
    summary: { type: 'string', description: 'Append the summary to this file (default: $GITHUB_STEP_SUMMARY)' },
    reportUrl: { type: 'string', description: "Link to the run's artifacts (the HTML report)" },
    lang: { type: 'string', description: "en or pt-BR (default: the language results.json was written in)" },
  },
  async run({ args }) {
    const summary = args.summary ?? process.env.GITHUB_STEP_SUMMARY;
    const { annotations } = await githubReport({
      out: args.out, ...(summary !== undefined && { summary }), ...(args.reportUrl !== undefined && { reportUrl: args.reportUrl }), ...(args.lang !== undefined && { lang: args.lang }),
    });
    if (annotations.length > 0) process.stdout.write(`${annotations.join('\n')}\n`);
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
