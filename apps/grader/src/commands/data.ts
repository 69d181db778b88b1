import { defineCommand, showUsage } from 'citty';
import type { CommandDef } from 'citty';

const subCommands = {
  inspect: () => import('./data-inspect.js').then((m) => m.default),
  fetch: () => import('./data-fetch.js').then((m) => m.default),
};

const command = defineCommand({
  meta: { name: 'data', description: 'Inspect the lab’s data files, or download the full HIGGS file' },
  subCommands,
  // citty calls run after a sub-command too; alone (`fitcheck data`, `--help`) it shows the usage.
  async run({ rawArgs, cmd }) {
    if (rawArgs.some((a) => a in subCommands)) return;
    await showUsage(cmd);
    return 0;
  },
});

export default command as unknown as CommandDef;
