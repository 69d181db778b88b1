import type { Messages } from '../messages/locale.js';
import { fixed, sayer, text, type Param } from '../messages/text.js';
import type { CalibrationSummary, ItemRow } from './summarize.js';

const pct = (n: number, d: number): Param => (d === 0 ? '—' : text('calibrate.percent', { value: fixed((100 * n) / d, 1) }));
const met = (ok: boolean): Param => text(ok ? 'calibrate.met' : 'calibrate.missed');

/** The calibration as a person reads it, in the language of `messages`: a line per (submission, item), then each profile's figures. */
export function formatCalibration(summary: CalibrationSummary, messages: Messages): string {
  const say = sayer(messages);
  const lines: string[] = [];
  const profiles = summary.profiles.map((p) => p.profile);
  const bySubmission = new Map<string, ItemRow[]>();
  for (const row of summary.rows) bySubmission.set(row.submission, [...(bySubmission.get(row.submission) ?? []), row]);
  lines.push(`${say('calibrate.header').padEnd(36)} ${profiles.map((profile) => say('calibrate.column', { profile })).join(' | ')}`);
  for (const [submission, rows] of bySubmission) {
    for (const item of [...new Set(rows.map((r) => r.item))]) {
      const cells = profiles.map((profile) => {
        const r = rows.find((x) => x.item === item && x.profile === profile);
        if (!r) return '';
        const mark = r.agree ? ' ' : '≠';
        const flag = r.expected === false ? ` ${say('calibrate.unexpected')}` : '';
        return `${mark} ${r.scores.map((s, i) => `${s}${(r.statuses[i] ?? '?')[0]}`).join(' ')}${flag}`;
      });
      const expect = rows.find((r) => r.item === item)?.expect ?? '';
      lines.push(`${submission.padEnd(20)} ${item.padEnd(4)} ${expect.padEnd(10)} ${cells.join(' | ')}`);
    }
  }
  lines.push('');
  for (const p of summary.profiles) {
    lines.push(say('calibrate.profile', {
      profile: p.profile, submissions: p.submissions, seeds: p.seeds, agreeing: p.agreeing, pairs: p.pairs, share: pct(p.agreeing, p.pairs),
      met: met(p.agreeing >= 0.97 * p.pairs), clearAgreeing: p.clearAgreeing, clearPairs: p.clearPairs, clearShare: pct(p.clearAgreeing, p.clearPairs),
      clearMet: met(p.clearAgreeing === p.clearPairs), undecided: p.undecided, verdicts: p.verdicts, median: fixed(p.medianSeconds, 1), max: fixed(p.maxSeconds, 1),
    }));
    if (p.unexpected.length > 0) lines.push(say('calibrate.notExpected', { cases: p.unexpected.join('; ') }));
  }
  for (const c of summary.comparisons) {
    lines.push(say('calibrate.comparison', {
      provisional: c.provisional, final: c.final, pairs: c.pairs, stricter: c.stricter.length, which: c.stricter.length > 0 ? ` (${c.stricter.join(', ')})` : '',
      met: met(c.stricter.length === 0), same: c.sameScore,
    }));
  }
  return lines.join('\n');
}
