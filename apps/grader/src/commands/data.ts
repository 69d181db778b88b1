import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';

// Alone (`fitcheck data`), citty reports no command (E_NO_COMMAND): a usage error, exit 2, with these listed.
const command = defineCommand({
  meta: { name: 'data', description: 'Inspect the lab’s data files, or download the full HIGGS file' },
  subCommands: {
    inspect: () => import('./data-inspect.js').then((m) => m.default),
    fetch: () => import('./data-fetch.js').then((m) => m.default),
  },
});

export default command as unknown as CommandDef;
