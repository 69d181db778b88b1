import type { CommandDef } from 'citty';

// One file per command; each only parses flags and calls a plain function.
// Keep this list sorted; add a line per new command.
export const commands: Record<string, () => Promise<CommandDef>> = {
  batch: () => import('./batch.js').then((m) => m.default),
  check: () => import('./check.js').then((m) => m.default),
  data: () => import('./data.js').then((m) => m.default),
  demo: () => import('./demo.js').then((m) => m.default),
  github: () => import('./github.js').then((m) => m.default),
  grade: () => import('./grade.js').then((m) => m.default),
  gradescope: () => import('./gradescope.js').then((m) => m.default),
  lab: () => import('./lab.js').then((m) => m.default),
  merge: () => import('./merge.js').then((m) => m.default),
  regrade: () => import('./regrade.js').then((m) => m.default),
  summary: () => import('./summary.js').then((m) => m.default),
  template: () => import('./template.js').then((m) => m.default),
};
