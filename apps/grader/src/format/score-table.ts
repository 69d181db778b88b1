import { loadMessages, translate, type Messages } from '../messages/locale.js';
import type { GradescopeResults } from '../results/gradescope.js';

/**
 * The results as a terminal table in the language of `messages`: one row per rubric item (score,
 * who scores it), then the findings with their fixes, then the total. The results' own sentences
 * (item names, findings) are already in that language (`gradeSubmission({ lang })`).
 */
export function formatScoreTable(results: GradescopeResults, messages: Messages = loadMessages('en')): string {
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const rows = results.tests.map((test) => [
    test.number,
    test.name,
    `${test.score ?? '—'}/${test.extra_data.points}`,
    test.extra_data.status === 'pending' ? t('cli.statusPending')
      : test.extra_data.status === 'manual' ? t('cli.statusManual')
        : test.extra_data.status === 'undecided' ? t('cli.statusUndecided')
          : test.status === 'passed' ? t('cli.statusPassed') : t('cli.statusFailed'),
  ]);
  const header = [t('cli.number'), t('cli.item'), t('cli.score'), t('cli.status')];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  out.push('', t('cli.total', { score: results.score, max: results.extra_data.max_score, summary: results.output.split('\n')[0] }));
  const findings = results.extra_data.findings;
  if (findings.length > 0) {
    out.push('', t('cli.findings'));
    for (const f of findings) {
      const mark = f.severity === 'error' ? '✗' : f.severity === 'warning' ? '!' : 'i';
      out.push(`  ${t('cli.finding', { mark, code: f.code, item: f.item ?? '—', message: f.message })}`, `      ${t('cli.fix', { hint: f.hint })}`);
    }
  }
  return out.join('\n');
}
