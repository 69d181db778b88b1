import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { GraderError } from '../errors.js';
import { text } from './text.js';

/** The grader's languages (report, CLI, findings); the course is Brazilian, so labs usually default to `pt-BR`. */
export const LANGS = ['en', 'pt-BR'] as const;
export type Lang = (typeof LANGS)[number];

/** `apps/grader/locales/`, the same two levels up from `src/messages/` and from `dist/messages/`. */
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

export type Messages = ReadonlyMap<string, string>;

/** Nested locale JSON → dotted keys (`curves.title`), so lookups and the same-keys test are flat. */
export function flattenMessages(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree !== 'object' || tree === null) return out;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flattenMessages(value, path)) out.set(k, v);
  }
  return out;
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

const cache = new Map<Lang, Messages>();

/** The grader's strings in `lang` (report, CLI, findings), read once from `locales/<lang>.json`. */
export function loadMessages(lang: string): Messages {
  if (!isLang(lang)) {
    throw new GraderError('UNKNOWN_LANG', text('errLab.unknownLang', { lang }), {}, text('cli.usageOneOf', { values: LANGS.join(', ') }));
  }
  let messages = cache.get(lang);
  if (!messages) {
    messages = flattenMessages(JSON.parse(readFileSync(`${LOCALES_DIR}${lang}.json`, 'utf8')));
    cache.set(lang, messages);
  }
  return messages;
}

/** The language a message table is in (its `meta.lang`). */
export function langOf(messages: Messages): Lang {
  const lang = messages.get('meta.lang') ?? '';
  return isLang(lang) ? lang : 'en';
}

/**
 * Looks `key` up and fills its `{name}` placeholders from `params`. Returns plain text: the template
 * escapes it, so a student-chosen model name inside a sentence is escaped like any other student text.
 */
export function translate(messages: Messages, key: string, params: Record<string, unknown> = {}): string {
  const template = messages.get(key);
  // Plain English on purpose: a Text would need a key, and a key is what is missing here.
  if (template === undefined) throw new GraderError('MISSING_MESSAGE', `no message "${key}"`);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
