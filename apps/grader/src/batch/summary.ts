import type { ClassRow } from './class-rows.js';
import { classItems } from './class-rows.js';
import { loadMessages, translate, type Lang } from '../messages/locale.js';
import { formatScore } from '../report/format.js';
import { mdCode, mdText as cell } from './markdown-text.js';

const TOP_FINDINGS = 10;

/**
 * `summary.md`, in `lang`: how many submissions were graded, invalid or not graded (the grade could
 * not be computed); per rubric item and for the total, the mean and median over graded submissions
 * (invalid ones score 0 by rule and would hide how the class did; not-graded ones have no score); the
 * most common findings by number of submissions; and which submissions need a TA, and why.
 */
export function formatSummary(rows: readonly ClassRow[], lang: Lang = 'en'): string {
  const messages = loadMessages(lang);
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, `class.${key}`, params);
  const score = (x: number) => (Number.isNaN(x) ? '–' : formatScore(lang, x));
  const graded = rows.filter((r) => r.entry.status === 'graded');
  const count = (s: string): number => rows.filter((r) => r.entry.status === s).length;
  const lines = [
    `# ${t('summaryTitle')}`,
    '',
    t('counts', { total: rows.length, graded: graded.length, invalid: count('invalid'), error: count('error') }),
    '',
    `## ${t('summaryScores', { graded: graded.length })}`,
    '',
    `| ${['item', 'mean', 'median', 'max', 'pendingCount', 'undecidedCount'].map((k) => t(k)).join(' | ')} |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  const items = classItems(graded);
  for (const item of items) {
    const own = graded.flatMap((r) => r.digest.items.filter((i) => i.id === item.id));
    // Pending items (a TA's, not scored yet) are left out of the statistics rather than counted as 0.
    const scores = own.flatMap((i) => (i.score === null ? [] : [i.score]));
    const pending = own.filter((i) => i.status === 'pending').length;
    const undecided = own.filter((i) => i.status === 'undecided').length;
    lines.push(`| ${cell(item.name)} | ${score(mean(scores))} | ${score(median(scores))} | ${score(item.maxScore)} | ${pending} | ${undecided} |`);
  }
  const totals = graded.map((r) => r.digest.total);
  const maxTotal = Math.max(0, ...graded.map((r) => r.digest.maxTotal));
  lines.push(`| **${t('total')}** | ${score(mean(totals))} | ${score(median(totals))} | ${score(maxTotal)} | | |`, '');
  const undecidedRows = graded.filter((r) => r.digest.items.some((i) => i.status === 'undecided'));
  const undecidedItems = undecidedRows.reduce((n, r) => n + r.digest.items.filter((i) => i.status === 'undecided').length, 0);
  lines.push(t('summaryUndecided', { items: undecidedItems, submissions: undecidedRows.length }), '');

  lines.push(`## ${t('findings')}`, '');
  const findings = commonFindings(rows);
  if (findings.length === 0) lines.push(t('noFindings'));
  else {
    lines.push(`| ${t('summaryCode')} | ${t('summarySubmissions')} | ${t('summaryShare')} |`, '|---|---:|---:|');
    for (const f of findings.slice(0, TOP_FINDINGS)) {
      lines.push(`| ${mdCode(f.code)} | ${f.count} | ${Math.round((100 * f.count) / rows.length)} % |`);
    }
    if (findings.length > TOP_FINDINGS) lines.push('', t('summaryMoreCodes', { count: findings.length - TOP_FINDINGS }));
  }

  const attention = rows.filter((r) => r.entry.status !== 'graded' || r.digest.items.some((i) => i.status === 'undecided'));
  if (attention.length > 0) {
    lines.push('', `## ${t('summaryNeedsTa')}`, '', `| ${['folder', 'student', 'status', 'why'].map((k) => t(k)).join(' | ')} |`, '|---|---|---|---|');
    for (const { entry, digest } of attention) {
      const undecided = digest.items.filter((i) => i.status === 'undecided').map((i) => i.id);
      const why = digest.fault ? `${cell(translate(messages, `owner.${digest.fault.owner}`))}: ${mdCode(digest.fault.code)}`
        : entry.status === 'invalid' ? t('summaryWhyInvalid')
          : undecided.length > 0 ? t('summaryWhyUndecided', { items: cell(undecided.join(', ')) }) : '';
      lines.push(`| ${cell(entry.key)} | ${cell(entry.studentId ?? entry.folder)} | ${t(`status_${entry.status}`)} | ${why} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Finding codes by how many submissions have them, most common first (ties by code). */
export function commonFindings(rows: readonly ClassRow[]): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { digest } of rows) for (const code of new Set(digest.findings.map((f) => f.code))) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
}

/** Arithmetic mean; NaN for none. */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Middle value, or the mean of the two middle values (numpy's `median`); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
