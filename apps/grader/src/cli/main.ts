import { stripVTControlCharacters } from 'node:util';
import { defineCommand, renderUsage, runCommand, showUsage, type ArgsDef, type CommandDef } from 'citty';
import { BACKEND_NAMES, isFitcheckError, type Owner } from '@fitcheck/core';
import { commands } from '../commands/index.js';
import { faultOf, GraderError, NotGradedError, type Fault } from '../errors.js';

/**
 * Exit codes: 0 done; 2 bad input — a file, a flag, a submission, a lab (owners `submission` and
 * `lab`); 1 the work could not be done for a fault of fitcheck or of the machine (owners `grader`
 * and `environment`).
 */
export const EXIT = { ok: 0, fault: 1, badInput: 2 } as const;

const root = defineCommand({
  meta: { name: 'fitcheck', description: 'Train, check and grade the overfitting lab' },
  subCommands: commands,
});

/**
 * The binary's one `catch`: every error becomes a readable paragraph and the exit code its owner
 * gives (`ownerOf`). citty's usage errors (no or an unknown subcommand, a missing argument) and
 * unknown flags are usage (exit 2), shown with the command's usage.
 */
export async function main(argv: string[]): Promise<number> {
  // After `--` every word is an operand: a folder named `--help` is a folder.
  const flags = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (argv.length === 0 || flags.includes('--help') || flags.includes('-h')) {
    const { cmd, parent } = await commandFor(argv);
    await showUsage(cmd, parent);
    return EXIT.ok;
  }
  let target: { cmd: CommandDef; parent?: CommandDef } = { cmd: root };
  try {
    argv = takeBackendFlag(argv);
    // Run the named leaf command ourselves: citty drops a subcommand's return value (the exit code).
    const { cmd, parent, rest } = await commandFor(argv);
    target = parent ? { cmd, parent } : { cmd };
    await refuseUnknownFlags(cmd, rest);
    const { result } = await runCommand(cmd, { rawArgs: rest });
    return typeof result === 'number' ? result : EXIT.ok;
  } catch (thrown) {
    const e = (await usageError(thrown, target.cmd)) ?? thrown;
    const fault = faultOf(e);
    process.stderr.write(`fitcheck: ${explain(e, fault)}\n`);
    if (fault.code === 'USAGE') process.stderr.write(`\n${stripVTControlCharacters(await renderUsage(target.cmd, target.parent))}\n`);
    if (fault.code === 'INTERNAL_ERROR' && process.env.FITCHECK_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    return exitOf(fault.owner);
  }
}

function exitOf(owner: Owner): number {
  return owner === 'grader' || owner === 'environment' ? EXIT.fault : EXIT.badInput;
}

function explain(e: unknown, fault: Fault): string {
  if (isFitcheckError(e)) return e.describe();
  if (e instanceof NotGradedError && e.said !== undefined) return e.said;
  if (e instanceof NotGradedError) return `not graded (${fault.owner}: ${fault.code}): ${fault.message}${fault.hint ? `\n  ${fault.hint}` : ''}`;
  return `internal error: ${fault.message}`;
}

/**
 * citty's own errors (its `CLIError`, which citty does not export) by their code: no subcommand
 * (`E_NO_COMMAND`), an unknown one (`E_UNKNOWN_COMMAND`), a missing or invalid argument (`EARG`).
 * Any other code is a mistake in a command's definition: left to be an internal error.
 */
async function usageError(e: unknown, cmd: CommandDef): Promise<GraderError | undefined> {
  if (!(e instanceof Error) || e.name !== 'CLIError') return undefined;
  const code = (e as Error & { code?: unknown }).code;
  if (code !== 'E_NO_COMMAND' && code !== 'E_UNKNOWN_COMMAND' && code !== 'EARG') return undefined;
  if (code === 'EARG') return new GraderError('USAGE', stripVTControlCharacters(e.message).replace(/\.$/, ''), {}, 'see the usage below');
  const subs = Object.keys((typeof cmd.subCommands === 'function' ? await cmd.subCommands() : await cmd.subCommands) ?? {});
  const name = (typeof cmd.meta === 'function' ? await cmd.meta() : await cmd.meta)?.name ?? 'fitcheck';
  const unknown = stripVTControlCharacters(e.message).replace(/^Unknown command/, 'unknown command');
  const what = code === 'E_NO_COMMAND' ? `${name} needs a command` : name === 'fitcheck' ? unknown : `${name}: ${unknown}`;
  return new GraderError('USAGE', what, {}, `use one of: ${subs.join(', ')}`);
}

/**
 * citty reads any `--flag`; a misspelt one (`--prfile ci`) would silently leave the default in place.
 * A leaf command refuses flags it does not declare (in name, camelCase, kebab-case, alias or `--no-`).
 */
async function refuseUnknownFlags(cmd: CommandDef, rawArgs: string[]): Promise<void> {
  if (cmd.subCommands) return;
  const defs = (typeof cmd.args === 'function' ? await cmd.args() : await cmd.args) ?? ({} as ArgsDef);
  const known = new Set<string>();
  for (const [name, def] of Object.entries(defs)) {
    if (def.type === 'positional') continue;
    const alias = 'alias' in def ? def.alias : undefined;
    const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
    for (const n of [name, camel(name), kebab(name), ...aliases]) {
      known.add(n);
      if (def.type === 'boolean') known.add(`no-${n}`);
    }
  }
  for (const arg of rawArgs) {
    if (arg === '--') break;
    // `-1` is a value (`--seed -1` is refused later, with its reason), not a flag.
    if (!arg.startsWith('-') || /^-\d/.test(arg)) continue;
    const name = arg.replace(/^--?/, '').split('=')[0]!;
    if (!known.has(name)) {
      const flags = [...new Set(Object.entries(defs).filter(([, d]) => d.type !== 'positional').map(([n]) => `--${n}`))];
      throw new GraderError('USAGE', `unknown flag ${arg.split('=')[0]}`, {}, flags.length > 0 ? `this command takes ${flags.join(', ')}` : 'this command takes no flags');
    }
  }
}

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
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
  return { cmd, ...(parent ? { parent } : {}), rest: argv.slice(used) };
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
      throw new GraderError('INVALID_FLAG', `--backend ${name ?? ''}: unknown backend`, {}, `use one of: ${BACKEND_NAMES.join(', ')}`);
    }
    process.env.FITCHECK_BACKEND = name;
  }
  return rest;
}
