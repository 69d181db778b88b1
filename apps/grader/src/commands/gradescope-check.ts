import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { loadMessages } from '../messages/locale.js';
import { renderLines } from '../messages/text.js';
import { checkAutograder } from '../gradescope/check.js';

const command = defineCommand({
  meta: { name: 'check', description: 'Check that fitcheck starts, reads the lab and finds its data as the autograder will (setup.sh runs it)' },
  args: {
    lab: { type: 'string', description: 'Lab id or folder (default: the one the autograder was built for, else the only lab)' },
  },
  async run({ args }) {
    const { lab, lines } = await checkAutograder(args.lab);
    process.stdout.write(`${renderLines(loadMessages(lab.definition.lang ?? 'en'), lines)}\n`);
    return 0;
  },
});

export default command as unknown as CommandDef;
