import { formatIssue, type ConfigIssue } from '@fitcheck/core';
import { langOf, translate, type Messages } from './locale.js';

/**
 * `file:line:col: message (did you mean "x"?)` in the language of `messages`. English is core's
 * own wording (`formatIssue`); another language says a schema keyword's problem from its parts
 * (`issue.params`), names quoted, and keeps as written what has no parts (a YAML syntax error, a
 * loader's own message).
 */
export function issueLine(issue: ConfigIssue, messages: Messages): string {
  if (langOf(messages) === 'en') return formatIssue(issue);
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const quoted = (v: string | string[]) => (Array.isArray(v) ? v.map((x) => `"${x}"`).join(', ') : v);
  let message = issue.message;
  if (issue.params !== undefined && messages.has(`issue.${issue.keyword}`)) {
    const { path = '', expected, got, ...rest } = issue.params;
    message = t(`issue.${issue.keyword}`, {
      ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, quoted(v)])),
      path: path === '' ? t('issue.document') : path,
      ...(expected !== undefined && { expected: (Array.isArray(expected) ? expected : [expected]).map((x) => `"${x}"`).join(t('issue.or')) }),
      ...(got !== undefined && { got: `"${String(got)}"` }),
    });
  }
  const hint = issue.suggestion === undefined ? '' : ` (${t('issue.didYouMean', { suggestion: issue.suggestion })})`;
  return `${issue.file}:${issue.line}:${issue.column}: ${message}${hint}`;
}
