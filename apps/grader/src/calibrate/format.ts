import type { CalibrationSummary, ItemRow } from './summarize.js';

const pct = (n: number, d: number): string => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);
const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');

/** The calibration as a person reads it: a line per (submission, item), then each profile's figures. */
export function formatCalibration(summary: CalibrationSummary): string {
  const lines: string[] = [];
  const profiles = summary.profiles.map((p) => p.profile);
  const bySubmission = new Map<string, ItemRow[]>();
  for (const row of summary.rows) bySubmission.set(row.submission, [...(bySubmission.get(row.submission) ?? []), row]);
  lines.push(`${'submission'.padEnd(20)} ${'item'.padEnd(4)} ${'expect'.padEnd(10)} ${profiles.map((p) => `${p}: scores over seeds (p passed, f failed, u undecided)`).join(' | ')}`);
  for (const [submission, rows] of bySubmission) {
    for (const item of [...new Set(rows.map((r) => r.item))]) {
      const cells = profiles.map((profile) => {
        const r = rows.find((x) => x.item === item && x.profile === profile);
        if (!r) return '';
        const mark = r.agree ? ' ' : '≠';
        const flag = r.expected === false ? ' UNEXPECTED' : '';
        return `${mark} ${r.scores.map((s, i) => `${s}${(r.statuses[i] ?? '?')[0]}`).join(' ')}${flag}`;
      });
      const expect = rows.find((r) => r.item === item)?.expect ?? '';
      lines.push(`${submission.padEnd(20)} ${item.padEnd(4)} ${expect.padEnd(10)} ${cells.join(' | ')}`);
    }
  }
  lines.push('');
  for (const p of summary.profiles) {
    lines.push(`${p.profile}: ${p.submissions} submissions × ${p.seeds} seeds; same score on every seed: ${p.agreeing}/${p.pairs} (submission, item) pairs = ${pct(p.agreeing, p.pairs)}` +
      ` (target ≥ 97 %: ${met(p.agreeing >= 0.97 * p.pairs)}); clear cases ${p.clearAgreeing}/${p.clearPairs} = ${pct(p.clearAgreeing, p.clearPairs)}` +
      ` (target 100 %: ${met(p.clearAgreeing === p.clearPairs)}); undecided verdicts ${p.undecided}/${p.verdicts}; ` +
      `a grade takes ${p.medianSeconds.toFixed(1)} s (median), ${p.maxSeconds.toFixed(1)} s at most`);
    if (p.unexpected.length > 0) lines.push(`  clear cases not scored as expected: ${p.unexpected.join('; ')}`);
  }
  for (const c of summary.comparisons) {
    lines.push(`${c.provisional} vs ${c.final}: ${c.pairs} (submission, item) pairs graded by both; ${c.provisional} stricter on ${c.stricter.length}` +
      `${c.stricter.length > 0 ? ` (${c.stricter.join(', ')})` : ''} (target 0: ${met(c.stricter.length === 0)}); same score on ${c.sameScore}`);
  }
  return lines.join('\n');
}
