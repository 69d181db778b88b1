import type { ArgDef, ArgsDef, CommandDef, CommandMeta, SubCommandsDef } from 'citty';
import { translate, type Messages } from '../messages/locale.js';

type Resolvable<T> = T | Promise<T> | (() => T) | (() => Promise<T>);

async function resolve<T>(value: Resolvable<T> | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}

export const metaOf = (cmd: CommandDef): Promise<CommandMeta | undefined> => resolve(cmd.meta);
export const argsOf = async (cmd: CommandDef): Promise<ArgsDef> => (await resolve(cmd.args)) ?? {};
export const subCommandsOf = async (cmd: CommandDef): Promise<SubCommandsDef> => (await resolve(cmd.subCommands)) ?? {};

/**
 * A command's words in the reader's language: `usage.<path>.about` for what it does and
 * `usage.<path>.args.<name>` for each argument (`path`: the command's words, `lab.run`). The
 * English ones are the commands' own descriptions, which citty reads too (a test keeps both equal).
 */
function words(messages: Messages, path: readonly string[]): { about: () => string; arg: (name: string) => string } {
  const key = ['usage', ...path].join('.');
  return {
    about: () => (path.length === 0 ? translate(messages, 'usage.about') : translate(messages, `${key}.about`)),
    arg: (name) => translate(messages, `${key}.args.${name}`),
  };
}

/** Rows as two columns, the first padded to the widest. */
function table(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}    ${right}`);
}

/**
 * `fitcheck <path> --help` in the reader's language: what the command does, its usage line, its
 * arguments and options (each with its default, or that it is required), its subcommands. Plain text,
 * shaped like citty's own (which has no way to word its headings in another language).
 */
export async function renderUsage(messages: Messages, path: readonly string[], cmd: CommandDef): Promise<string> {
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const w = words(messages, path);
  const name = ['fitcheck', ...path].join(' ');
  const args = Object.entries(await argsOf(cmd));
  const subs = Object.keys(await subCommandsOf(cmd));
  const note = (def: ArgDef): string => {
    if (def.required === true && def.default === undefined) return ` (${t('usage.required')})`;
    if (def.default !== undefined && def.type !== 'boolean') return ` (${t('usage.default', { value: String(def.default) })})`;
    return '';
  };

  const positionals = args.filter(([, def]) => def.type === 'positional');
  const options = args.filter(([, def]) => def.type !== 'positional');
  const operands = positionals.map(([arg, def]) => (def.required === false || def.default !== undefined ? `[${arg.toUpperCase()}]` : `<${arg.toUpperCase()}>`));
  const line = [name, ...(options.length > 0 ? [`[${t('usage.options')}]`] : []), ...operands, ...(subs.length > 0 ? [`<${t('usage.command')}>`] : [])].join(' ');

  const out = [`${w.about()} (${name})`, '', `${t('usage.usage')} ${line}`];
  if (positionals.length > 0) {
    out.push('', t('usage.arguments'), '', ...table(positionals.map(([arg, def]) => [arg.toUpperCase(), `${w.arg(arg)}${note(def)}`])));
  }
  if (options.length > 0) {
    out.push('', t('usage.options'), '', ...table(options.map(([arg, def]) => [def.type === 'boolean' ? `--${arg}` : `--${arg}=<${arg}>`, `${w.arg(arg)}${note(def)}`])));
  }
  if (subs.length > 0) {
    const sub = await subCommandsOf(cmd);
    const rows: [string, string][] = [];
    for (const s of subs) {
      const child = await resolve(sub[s] as Resolvable<CommandDef>);
      if (child) rows.push([s, words(messages, [...path, s]).about()]);
    }
    out.push('', t('usage.commands'), '', ...table(rows), '', t('usage.more', { command: `${name} <${t('usage.command')}> --help` }));
  }
  return `${out.join('\n')}\n`;
}
