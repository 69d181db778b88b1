import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { writeTemplate } from '../template/write-template.js';
import { commandLang } from '../cli/cli-lang.js';
import { loadMessages } from '../messages/locale.js';
import { sayer } from '../messages/text.js';

const command = defineCommand({
  meta: { name: 'template', description: 'Write the repository students receive: starter submission, public data, the lab without TA-only parts, workflow, README, fitcheck in vendor/' },
  args: {
    lab: { type: 'string', default: 'lab5', description: 'Lab id under grading/labs, or the path of a lab folder' },
    out: { type: 'string', required: true, description: 'A new or empty folder' },
  },
  async run({ args }) {
    const files = await writeTemplate({ lab: args.lab, out: args.out });
    const say = sayer(loadMessages(await commandLang({ lab: args.lab })));
    process.stdout.write(`${say('cli.templateDone', { out: args.out, files: files.length })}\n`);
    return 0;
  },
});

export default command as unknown as CommandDef;
