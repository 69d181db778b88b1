import type { GradescopeResults } from '../results/gradescope.js';

/**
 * The results as a terminal table: one row per rubric item (score, who scores it, first
 * line of its output), then the findings with their fixes, then the total.
 */
export function formatScoreTable(results: GradescopeResults): string {
  const rows = results.tests.map((t) => [
    t.number,
    t.name,
    t.extra_data.status === 'pending' ? `—/${t.max_score}` : `${t.score}/${t.max_score}`,
    t.extra_data.status === 'pending' ? 'TA' : t.extra_data.status === 'manual' ? 'TA (given)' : t.status === 'passed' ? 'ok' : 'lost points',
  ]);
  const header = ['#', 'item', 'score', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  out.push('', `total: ${results.score}/${results.max_score}   (${results.output.split('\n')[0]})`);
  const findings = results.extra_data.findings;
  if (findings.length > 0) {
    out.push('', 'findings:');
    for (const f of findings) {
      out.push(`  ${f.severity === 'error' ? '✗' : f.severity === 'warning' ? '!' : 'i'} [${f.code}] item ${f.item ?? '—'}: ${f.message}`, `      fix: ${f.hint}`);
    }
  }
  return out.join('\n');
}
