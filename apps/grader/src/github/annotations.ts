import { digestResults } from '../batch/results-digest.js';
import { loadMessages, translate } from '../messages/locale.js';
import { annotation } from './workflow-command.js';

// `file:line:col: message` (ConfigIssue's one line; the file may hold colons, the numbers may not).
const ISSUE_LINE = /^(.+?):(\d+):(\d+): ([\s\S]*)$/;

/**
 * The annotations of one `results.json` for a GitHub Actions log: one per finding at its
 * `file:line:col` (`::error` for an error, `::warning` otherwise), its message and fix in the
 * results' language; for an invalid submission one `::error` per problem where it is; for a grade
 * that could not be computed one `::error` that says so. Read like the PR comment reads it
 * (`digestResults`): a missing or mistyped field is left out, never a crash.
 */
export function annotationsOf(results: unknown): string[] {
  const d = digestResults(results);
  const messages = loadMessages(d.lang);
  if (d.status === 'invalid') {
    return d.errors.map((line) => {
      const m = ISSUE_LINE.exec(line);
      return m ? annotation('error', m[4]!, { file: m[1]!, line: Number(m[2]), col: Number(m[3]), title: 'fitcheck' }) : annotation('error', line, { title: 'fitcheck' });
    });
  }
  if (d.status === 'error') return [annotation('error', d.output, { title: 'fitcheck' })];
  return d.findings.map((f) => {
    const fix = f.hint !== '' ? `\n${translate(messages, 'results.fix', { hint: f.hint })}` : '';
    const place = f.file !== undefined ? { file: f.file, ...(f.line !== undefined && { line: f.line }), ...(f.column !== undefined && { col: f.column }) } : {};
    return annotation(f.severity === 'error' ? 'error' : 'warning', `${f.message}${fix}`, { ...place, title: `fitcheck ${f.code}` });
  });
}
