import { excerptLines, formatIssue, type ConfigIssue } from '@fitcheck/core';
import { formatValue } from '../report/format.js';
import { langOf, translate, type Messages } from './locale.js';

// The loader's counts (a size cap, a depth, how many more problems) and a schema's bounds (`minimum`'s
// limit, `multipleOf`): numbers in the reader's locale (0,5 in pt-BR).
const COUNTS = new Set(['bytes', 'max', 'count', 'limit', 'multipleOf']);
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/**
 * The locale key of an issue: `issue.code.<CODE>` for a loader issue that names its cause (the YAML
 * parser's error code, a file's read error), else `issue.<keyword>`.
 */
function issueKey(issue: ConfigIssue): string {
  const code = issue.params?.code;
  return typeof code === 'string' ? `issue.code.${code}` : `issue.${issue.keyword}`;
}

/**
 * `file:line:col: message (did you mean "x"?)` in the language of `messages`, then the source
 * excerpt of a syntax error. English is core's own wording (`formatIssue`); another language says
 * the problem from its parts (`issue.params`), names quoted. Only what has no parts, or a code no
 * locale names (a YAML parser error code added after this was written), keeps the parser's own
 * English words: the place and the excerpt still say where.
 */
export function issueLine(issue: ConfigIssue, messages: Messages): string {
  if (langOf(messages) === 'en') return formatIssue(issue);
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const quoted = (v: string | string[]) => (Array.isArray(v) ? v.map((x) => `"${x}"`).join(', ') : v);
  const lang = langOf(messages);
  const key = issueKey(issue);
  let message = issue.message;
  if (issue.params !== undefined && messages.has(key)) {
    const { path = '', expected, got, ...rest } = issue.params;
    message = t(key, {
      ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, COUNTS.has(k) && typeof v === 'string' && NUMBER.test(v) ? formatValue(lang, Number(v)) : quoted(v)])),
      path: path === '' ? t('issue.document') : path,
      ...(expected !== undefined && { expected: (Array.isArray(expected) ? expected : [expected]).map((x) => `"${x}"`).join(t('issue.or')) }),
      ...(got !== undefined && { got: `"${String(got)}"` }),
    });
  }
  const hint = issue.suggestion === undefined ? '' : ` (${t('issue.didYouMean', { suggestion: issue.suggestion })})`;
  return `${issue.file}:${issue.line}:${issue.column}: ${message}${hint}${excerptLines(issue)}`;
}
