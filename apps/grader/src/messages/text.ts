import { translate, type Messages } from './locale.js';

/** A placeholder's value: plain data, or a message of its own (a word or phrase that is translated too). */
export type Param = string | number | Text;
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

function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).key === 'string';
}

/** The words of `line` in the language of `messages`; placeholder values that are messages are translated first. */
export function renderText(messages: Messages, line: Line): string {
  if ('verbatim' in line) return line.verbatim;
  const params = Object.fromEntries(Object.entries(line.params ?? {}).map(([k, v]) => [k, isText(v) ? renderText(messages, v) : v]));
  return translate(messages, line.key, params);
}

/** Lines joined by newlines, each in the language of `messages`. */
export function renderLines(messages: Messages, lines: readonly Line[]): string {
  return lines.map((l) => renderText(messages, l)).join('\n');
}
