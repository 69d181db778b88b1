import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';

// Alone (`fitcheck gradescope`), citty reports no command (E_NO_COMMAND): a usage error, exit 2, with these listed.
const command = defineCommand({
  meta: { name: 'gradescope', description: 'Deploy on Gradescope: build the autograder zip, run it for one submission, check it' },
  subCommands: {
    build: () => import('./gradescope-build.js').then((m) => m.default),
    check: () => import('./gradescope-check.js').then((m) => m.default),
    run: () => import('./gradescope-run.js').then((m) => m.default),
  },
});

export default command as unknown as CommandDef;
