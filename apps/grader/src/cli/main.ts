import { existsSync, statSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { defineCommand, runCommand, type CommandDef } from 'citty';
import { BACKEND_NAMES, isFitcheckError, type Owner } from '@fitcheck/core';
import { commands } from '../commands/index.js';
import { faultOf, NotGradedError, type Fault } from '../errors.js';
import { errorLine } from '../messages/error-line.js';
import { isLang, loadMessages, translate, type Lang, type Messages } from '../messages/locale.js';
import { text } from '../messages/text.js';
import { commandLang } from './cli-lang.js';
import { FlagError } from './flag-error.js';
import { argsOf, metaOf, renderUsage, subCommandsOf } from './usage.js';

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
    const { cmd, path, rest } = await commandFor(argv);
    const messages = loadMessages(await usageLang(rest));
    process.stdout.write(await renderUsage(messages, path, cmd));
    return EXIT.ok;
  }
  let target: { cmd: CommandDef; path: string[]; rest: string[] } = { cmd: root, path: [], rest: argv };
  try {
    argv = takeBackendFlag(argv);
    // Run the named leaf command ourselves: citty drops a subcommand's return value (the exit code).
    const found = await commandFor(argv);
    target = found;
    const rest = await takeLangFlag(found.cmd, found.rest);
    await refuseUnknownFlags(found.cmd, rest);
    const { result } = await runCommand(found.cmd, { rawArgs: rest });
    return typeof result === 'number' ? result : EXIT.ok;
  } catch (thrown) {
    const messages = await usageMessages(target.rest);
    const e = (await usageError(thrown, target.cmd, target.path)) ?? thrown;
    const fault = faultOf(e);
    process.stderr.write(`fitcheck: ${explain(e, fault, messages)}\n`);
    if (fault.code === 'USAGE') process.stderr.write(`\n${await renderUsage(messages, target.path, target.cmd)}\n`);
    if (fault.code === 'INTERNAL_ERROR' && process.env.FITCHECK_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    return exitOf(fault.owner);
  }
}

/**
 * The language of the CLI's own words (usage, a usage error, the line that explains a failure), by
 * the rule every command follows (`commandLang`): `--lang` when it names a language, else the lab
 * `--lab` names or the submission folder given (the first operand, when it is a folder) chooses,
 * else the course's.
 */
async function usageLang(rest: readonly string[]): Promise<Lang> {
  const words = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w === `--${name}`) return words[i + 1];
      if (w.startsWith(`--${name}=`)) return w.slice(name.length + 3);
    }
    return undefined;
  };
  const lang = flag('lang');
  const first = words[0];
  const dir = first !== undefined && !first.startsWith('-') && existsSync(first) && statSync(first).isDirectory() ? first : undefined;
  return commandLang({ ...(lang !== undefined && isLang(lang) && { lang }), lab: flag('lab'), dir });
}

async function usageMessages(rest: readonly string[]): Promise<Messages> {
  return loadMessages(await usageLang(rest).catch((): Lang => 'en'));
}

/**
 * `--lang` is every command's: a command that declares it reads it (its report, its results), any
 * other (`summary`, `lab` without its subcommand) only says its own words in it, so it is taken
 * out of the words that command parses (it has been read by {@link usageLang}).
 */
async function takeLangFlag(cmd: CommandDef, rest: string[]): Promise<string[]> {
  if (!cmd.subCommands && 'lang' in (await argsOf(cmd))) return rest;
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w === '--') {
      out.push(...rest.slice(i));
      break;
    }
    if (w === '--lang') i += 1;
    else if (!w.startsWith('--lang=')) out.push(w);
  }
  return out;
}

function exitOf(owner: Owner): number {
  return owner === 'grader' || owner === 'environment' ? EXIT.fault : EXIT.badInput;
}

function explain(e: unknown, fault: Fault, messages: Messages): string {
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  if (isFitcheckError(e)) return errorLine(e, messages);
  if (e instanceof NotGradedError && e.said !== undefined) return e.said;
  if (e instanceof NotGradedError) return `${t('cli.notGradedBecause', { owner: t(`owner.${fault.owner}`), code: fault.code })}: ${fault.message}${fault.hint ? `\n  ${fault.hint}` : ''}`;
  return t('cli.internalError', { message: fault.message });
}

// citty's argument errors, as its messages say them (citty gives them all one code, EARG).
const CITTY_EARG: readonly [RegExp, string][] = [
  [/^Missing required positional argument: (?<name>\S+)$/, 'cli.usageMissingOperand'],
  [/^Missing required argument: (?<flag>--\S+)$/, 'cli.usageMissingFlag'],
  [/^Invalid value for argument: (?<flag>--\S+) \((?<value>.*)\)\. Expected one of: (?<allowed>.*)\.$/, 'cli.usageInvalidValue'],
];

/**
 * citty's own errors (its `CLIError`, which citty does not export) by their code: no subcommand
 * (`E_NO_COMMAND`), an unknown one (`E_UNKNOWN_COMMAND`), a missing or invalid argument (`EARG`),
 * in the reader's language. An EARG message none of {@link CITTY_EARG} matches (a citty release
 * that words it otherwise) is shown as citty wrote it. Any other code is a mistake in a command's
 * definition: left to be an internal error.
 */
async function usageError(e: unknown, cmd: CommandDef, path: readonly string[]): Promise<FlagError | undefined> {
  if (!(e instanceof Error) || e.name !== 'CLIError') return undefined;
  const code = (e as Error & { code?: unknown }).code;
  if (code !== 'E_NO_COMMAND' && code !== 'E_UNKNOWN_COMMAND' && code !== 'EARG') return undefined;
  const said = stripVTControlCharacters(e.message);
  if (code === 'EARG') {
    const known = CITTY_EARG.map(([re, key]) => ({ key, m: re.exec(said) })).find((x) => x.m !== null);
    return new FlagError('USAGE', known ? text(known.key, known.m!.groups) : text('cli.asSaid', { text: said.replace(/\.$/, '') }), text('cli.usageSeeBelow'));
  }
  const subs = Object.keys(await subCommandsOf(cmd));
  const name = (await metaOf(cmd))?.name ?? 'fitcheck';
  const word = /^Unknown command (?<word>.*)$/.exec(said)?.groups?.word;
  const unknown = word === undefined ? text('cli.asSaid', { text: said }) : text('cli.usageUnknownCommand', { command: word });
  const what = code === 'E_NO_COMMAND' ? text('cli.usageNeedsCommand', { command: path.length > 0 ? path.join(' ') : name })
    : path.length === 0 ? unknown : text('cli.usageIn', { command: path.join(' '), problem: unknown });
  return new FlagError('USAGE', what, text('cli.usageOneOf', { values: subs.join(', ') }));
}

/**
 * citty reads any `--flag`; a misspelt one (`--prfile ci`) would silently leave the default in place.
 * A leaf command refuses flags it does not declare (in name, camelCase, kebab-case, alias or `--no-`).
 */
async function refuseUnknownFlags(cmd: CommandDef, rawArgs: string[]): Promise<void> {
  if (cmd.subCommands) return;
  const defs = await argsOf(cmd);
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
      throw new FlagError('USAGE', text('cli.usageUnknownFlag', { flag: arg.split('=')[0]! }), flags.length > 0 ? text('cli.usageTakesFlags', { flags: flags.join(', ') }) : text('cli.usageTakesNoFlags'));
    }
  }
}

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The (sub)command the leading words of argv name, those words (its path: `lab run`), and the words after them. */
async function commandFor(argv: string[]): Promise<{ cmd: CommandDef; path: string[]; rest: string[] }> {
  let cmd: CommandDef = root;
  const path: string[] = [];
  for (const word of argv) {
    const next = (await subCommandsOf(cmd))[word];
    if (!next) break;
    cmd = typeof next === 'function' ? await next() : await next;
    path.push(word);
  }
  return { cmd, path, rest: argv.slice(path.length) };
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
      throw new FlagError('INVALID_FLAG', text('cli.usageUnknownBackend', { name: name ?? '' }), text('cli.usageOneOf', { values: BACKEND_NAMES.join(', ') }));
    }
    process.env.FITCHECK_BACKEND = name;
  }
  return rest;
}
