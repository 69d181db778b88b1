import { defineCommand, runCommand, showUsage, type CommandDef } from 'citty';
import { BACKEND_NAMES, FitcheckError, isFitcheckError } from '@fitcheck/core';
import { commands } from '../commands/index.js';
import { isEnvironmentError } from './environment-errors.js';

/** Exit codes: 0 done, 1 fitcheck's own fault or the machine's (a FITCHECK_* variable, the disk), 2 bad input (a file, a flag, a submission). */
export const EXIT = { ok: 0, fault: 1, environment: 1, badInput: 2 } as const;

const root = defineCommand({
  meta: { name: 'fitcheck', description: 'Train, check and grade the overfitting lab' },
  subCommands: commands,
});

/** The binary's one `catch`: typed errors become a readable paragraph and exit 2, anything else exit 1. */
export async function main(argv: string[]): Promise<number> {
  // After `--` every word is an operand: a folder named `--help` is a folder.
  const flags = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (argv.length === 0 || flags.includes('--help') || flags.includes('-h')) {
    const { cmd, parent } = await commandFor(argv);
    await showUsage(cmd, parent);
    return EXIT.ok;
  }
  try {
    argv = takeBackendFlag(argv);
    // Run the named leaf command ourselves: citty drops a subcommand's return value (the exit code).
    const { cmd, rest } = await commandFor(argv);
    const { result } = await runCommand(cmd, { rawArgs: rest });
    return typeof result === 'number' ? result : EXIT.ok;
  } catch (e) {
    if (isFitcheckError(e)) {
      process.stderr.write(`fitcheck: ${e.describe()}\n`);
      return isEnvironmentError(e) ? EXIT.environment : EXIT.badInput;
    }
    if (e instanceof Error && /Unknown command|Missing required/.test(e.message)) {
      process.stderr.write(`fitcheck: ${e.message}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`fitcheck: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.FITCHECK_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    return EXIT.fault;
  }
}

/** The (sub)command the leading words of argv name, its parent, and the words after its name. */
async function commandFor(argv: string[]): Promise<{ cmd: CommandDef; parent?: CommandDef; rest: string[] }> {
  let cmd: CommandDef = root;
  let parent: CommandDef | undefined;
  let used = 0;
  for (const word of argv) {
    const subs = typeof cmd.subCommands === 'function' ? await cmd.subCommands() : await cmd.subCommands;
    const next = subs?.[word];
    if (!next) break;
    parent = cmd;
    cmd = typeof next === 'function' ? await next() : await next;
    used += 1;
  }
  return { cmd, parent, rest: argv.slice(used) };
}

/**
 * `--backend node|wasm|cpu`, accepted by every command: it sets FITCHECK_BACKEND, which
 * initBackend reads, so the training children a grade or a batch starts use it too.
 */
function takeBackendFlag(argv: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const inline = arg.startsWith('--backend=') ? arg.slice('--backend='.length) : undefined;
    if (arg !== '--backend' && inline === undefined) {
      rest.push(arg);
      continue;
    }
    const name = inline ?? argv[++i];
    if (!name || !(BACKEND_NAMES as readonly string[]).includes(name)) {
      throw new FitcheckError('INVALID_FLAG', `--backend ${name ?? ''}: unknown backend`, {}, `use one of: ${BACKEND_NAMES.join(', ')}`);
    }
    process.env.FITCHECK_BACKEND = name;
  }
  return rest;
}
