import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { checkAutograder } from '../gradescope/check.js';

const command = defineCommand({
  meta: { name: 'check', description: 'Check that fitcheck starts, reads the lab and finds its data as the autograder will (setup.sh runs it)' },
  args: {
    lab: { type: 'string', description: 'Lab id or folder (default: the one the autograder was built for, else the only lab)' },
  },
  async run({ args }) {
    const lines = await checkAutograder(args.lab);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
});

export default command as unknown as CommandDef;
