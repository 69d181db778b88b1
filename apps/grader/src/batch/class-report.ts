import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadMessages, translate, type Lang } from '../messages/locale.js';
import { formatScore } from '../report/format.js';
import { renderTemplate } from '../report/templates.js';
import type { ClassRow } from './class-rows.js';
import { classItems } from './class-rows.js';
import { commonFindings, mean, median } from './summary.js';

/** The class report beside the gradebook: one HTML page for the TAs. */
export const CLASS_REPORT_FILE = 'class-report.html';
/** Findings listed, most frequent first; examples of each. */
const TOP_FINDINGS = 15;
const EXAMPLES = 3;
/** Bins of the total score's histogram. */
const TOTAL_BINS = 10;
const BAR_PX = 200;

interface Bar {
  label: string;
  count: number;
  /** Pixels: the widest bar is BAR_PX. */
  width: number;
}

/** A link to a student's report, relative to OUT (the folder name encoded, so no key becomes markup or another URL). */
function reportHref(out: string | undefined, key: string): string | null {
  if (out !== undefined && !existsSync(join(out, key, 'report.html'))) return null;
  return `${encodeURIComponent(key)}/report.html`;
}

function bars(counts: ReadonlyMap<string, number>): Bar[] {
  const most = Math.max(1, ...counts.values());
  return [...counts].map(([label, count]) => ({ label, count, width: Math.round((BAR_PX * count) / most) }));
}

export interface ClassReportOptions {
  lang: Lang;
  /** OUT, to link only the reports that exist (default: link every student). */
  out?: string;
}

/**
 * The class report for TAs, in `lang`: how many submissions were graded, invalid or not graded;
 * per rubric item the distribution of scores (graded submissions; pending items left out, never
 * read as 0), its mean and median; the distribution of totals; the most frequent findings with
 * counts and examples (a message, the students who have it); every undecided verdict to review
 * with its reason; and a table of students linking to their reports. Every value from a
 * submission is escaped by the template.
 */
export function renderClassReport(rows: readonly ClassRow[], options: ClassReportOptions): string {
  const { lang } = options;
  const messages = loadMessages(lang);
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const score = (x: number) => (Number.isNaN(x) ? '–' : formatScore(lang, x));
  const graded = rows.filter((r) => r.entry.status === 'graded');
  const items = classItems(graded);

  const itemViews = items.map((item) => {
    const own = graded.flatMap((r) => r.digest.items.filter((i) => i.id === item.id));
    const scores = own.flatMap((i) => (i.score === null ? [] : [i.score]));
    const counts = new Map<string, number>();
    for (const s of [...new Set(scores)].sort((a, b) => a - b)) counts.set(score(s), scores.filter((x) => x === s).length);
    return {
      id: item.id, name: item.name, max: score(item.maxScore), mean: score(mean(scores)), median: score(median(scores)),
      pending: own.filter((i) => i.status === 'pending').length, undecided: own.filter((i) => i.status === 'undecided').length,
      bars: bars(counts),
    };
  });

  const totals = graded.map((r) => r.digest.total);
  const maxTotal = Math.max(0, ...graded.map((r) => r.digest.maxTotal));
  const totalCounts = new Map<string, number>();
  if (maxTotal > 0) {
    const width = maxTotal / TOTAL_BINS;
    for (let b = 0; b < TOTAL_BINS; b++) {
      const low = b * width;
      const high = (b + 1) * width;
      // The last bin holds the maximum itself.
      const n = totals.filter((x) => x >= low && (b === TOTAL_BINS - 1 ? x <= high : x < high)).length;
      totalCounts.set(`${score(low)}–${score(high)}`, n);
    }
  }

  const findings = commonFindings(rows).slice(0, TOP_FINDINGS).map(({ code, count }) => {
    const having = rows.filter((r) => r.digest.findings.some((f) => f.code === code));
    const first = having[0]?.digest.findings.find((f) => f.code === code);
    return {
      code, count, share: Math.round((100 * count) / Math.max(1, rows.length)),
      severity: first?.severity ?? 'info', message: first?.message ?? '',
      examples: having.slice(0, EXAMPLES).map((r) => ({ key: r.entry.key, href: reportHref(options.out, r.entry.key) })),
      more: Math.max(0, having.length - EXAMPLES),
    };
  });

  const undecided = graded.flatMap((r) => r.digest.items.filter((i) => i.status === 'undecided').map((i) => ({
    key: r.entry.key, href: reportHref(options.out, r.entry.key), student: r.entry.studentId ?? r.entry.folder,
    item: i.id, name: i.name,
    why: r.digest.findings.find((f) => f.code === 'VERDICT_UNDECIDED' && f.item === i.id)?.message ?? '',
  })));

  const students = rows.map(({ entry, digest }) => {
    const byId = new Map(digest.items.map((i) => [i.id, i]));
    return {
      key: entry.key, href: reportHref(options.out, entry.key), id: entry.studentId ?? '—', name: entry.studentName ?? '—',
      status: entry.status, statusKey: `class.status_${entry.status}`,
      total: entry.status === 'error' ? '—' : score(digest.total),
      cells: items.map((item) => {
        const i = byId.get(item.id);
        if (!i || entry.status === 'error') return { text: '—', status: 'none' };
        return { text: i.score === null ? t('class.pending') : score(i.score), status: i.status };
      }),
    };
  });

  const count = (s: string) => rows.filter((r) => r.entry.status === s).length;
  const view = {
    lang,
    counts: t('class.counts', { total: rows.length, graded: graded.length, invalid: count('invalid'), error: count('error') }),
    items: itemViews,
    total: { mean: score(mean(totals)), median: score(median(totals)), max: score(maxTotal), bars: bars(totalCounts) },
    findings,
    undecided,
    students,
    columns: items.map((i) => i.id),
  };
  return renderTemplate(view, { messages, lang }, 'class-report');
}

/**
 * The class's language: the one most of its results.json were written in (a batch's grades share
 * the lab's or `--lang`'s), English for an empty class.
 */
export function classLang(rows: readonly ClassRow[]): Lang {
  const counts = new Map<Lang, number>();
  for (const r of rows) counts.set(r.digest.lang, (counts.get(r.digest.lang) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'en';
}
