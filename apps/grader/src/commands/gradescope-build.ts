import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { buildAutograder } from '../gradescope/build.js';
import { numberFlag } from '../cli/number-flag.js';
import { commandLang } from '../cli/cli-lang.js';
import { loadMessages } from '../messages/locale.js';
import { fixed, sayer } from '../messages/text.js';

const command = defineCommand({
  meta: { name: 'build', description: "Write the autograder zip for Gradescope's \"Configure Autograder\" (setup.sh, run_autograder, fitcheck, the lab, its data)" },
  args: {
    out: { type: 'string', default: 'autograder.zip', description: 'The zip to write' },
    lab: { type: 'string', default: 'lab5', description: 'Lab id under grading/labs, or the path of a lab folder' },
    profile: { type: 'string', description: "Profile run_autograder grades with (default: the lab's gradescope.profile, gradescope for lab5)" },
    timeout: { type: 'string', description: "The assignment's autograder timeout in Gradescope's settings, in minutes (default: the lab's, 10)" },
    cache: { type: 'string', description: "A reference-run cache (fill it with `fitcheck lab run --profile P --cache DIR`): its runs of this lab and profile are shipped, so the reports compare without training" },
  },
  async run({ args }) {
    const built = await buildAutograder({
      out: args.out, lab: args.lab,
      ...(args.profile !== undefined && { profile: args.profile }),
      ...(args.timeout !== undefined && { timeoutMinutes: numberFlag('timeout', args.timeout, { min: 1, max: 40 }) }),
      ...(args.cache !== undefined && { cache: args.cache }),
    });
    const { lab, profile, timeoutMinutes } = built.config;
    const shipped = built.entries.filter((e) => e.startsWith('references/')).length;
    const say = sayer(loadMessages(await commandLang({ lab: args.lab })));
    process.stdout.write(`${say('cli.gradescopeBuilt', { zip: built.zip, files: built.entries.length, references: shipped, mib: fixed(built.bytes / 1024 / 1024, 1), lab, profile, minutes: timeoutMinutes })}\n`);
    return 0;
  },
});

export default command as unknown as CommandDef;
