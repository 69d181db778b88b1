import { formatNumber, formatValue } from '../report/format.js';
import { langOf, translate, type Messages } from './locale.js';

/** A number shown with exactly `digits` decimals (a BCE to 4, a ratio to 2), in the reader's locale. */
export interface Fixed {
  fixed: number;
  digits: number;
}

/**
 * A placeholder's value: a string (shown as is: names, paths, codes, a seed), a number (in the
 * reader's locale: `73.473` parameters in pt-BR), a {@link Fixed} number, or a message of its own
 * (a word or phrase that is translated too).
 */
export type Param = string | number | Fixed | Text;
export type Params = Record<string, Param>;

/** A sentence as data: a locale key and its placeholders, turned into words only when shown. */
export interface Text {
  key: string;
  params?: Params;
}

/** Text shown as is in every language: a classification report table, an error message from a library. */
export interface Verbatim {
  verbatim: string;
}

/** One line of a check's output. */
export type Line = Text | Verbatim;

export function text(key: string, params?: Params): Text {
  return params ? { key, params } : { key };
}

export function verbatim(value: string): Verbatim {
  return { verbatim: value };
}

/** `x` with `digits` decimals in the reader's locale; `—` when there is no value. */
export function fixed(x: number | null | undefined, digits: number): Fixed | string {
  return x === null || x === undefined ? '—' : { fixed: x, digits };
}


/** One placeholder value as words of `messages`' language (see {@link Param}); `name` is its placeholder's. */
export function renderParam(messages: Messages, v: Param, name = ''): string {
  const lang = langOf(messages);
  // A seed names a run (seed 2024), it is not a quantity: never grouped.
  if (typeof v === 'number') return Number.isFinite(v) && name !== 'seed' ? formatValue(lang, v) : String(v);
  if (typeof v === 'string') return v;
  if ('fixed' in v) return Number.isFinite(v.fixed) ? formatNumber(lang, v.fixed, v.digits) : String(v.fixed);
  return renderText(messages, v);
}

/** The words of `line` in the language of `messages`; placeholder values that are messages are translated first, numbers written as its locale writes them. */
export function renderText(messages: Messages, line: Line): string {
  if ('verbatim' in line) return line.verbatim;
  const params = Object.fromEntries(Object.entries(line.params ?? {}).map(([k, v]) => [k, renderParam(messages, v, k)]));
  return translate(messages, line.key, params);
}

/** Lines joined by newlines, each in the language of `messages`. */
export function renderLines(messages: Messages, lines: readonly Line[]): string {
  return lines.map((l) => renderText(messages, l)).join('\n');
}

/** What a command prints in one language: `say(key, params)` is the message's words, numbers in its locale. */
export function sayer(messages: Messages): (key: string, params?: Params) => string {
  return (key, params) => renderText(messages, text(key, params));
}
