import type { CommandDef } from 'citty';

// One file per command; each only parses flags and calls a plain function.
// Keep this list sorted; add a line per new command.
export const commands: Record<string, () => Promise<CommandDef>> = {
};
