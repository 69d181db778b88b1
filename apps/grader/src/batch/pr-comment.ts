import { formatScore } from './ordering.js';
import { mdCode, mdText } from './markdown-text.js';
import type { ResultsFinding } from '../findings/types.js';
import { isLang, langOf, loadMessages, translate, type Lang } from '../messages/locale.js';
import { formatNumber } from '../report/format.js';
import { digestResults } from './results-digest.js';

/** GitHub refuses issue comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
// Danger wraps our markdown in its own hidden summary and footer; keep this much for it.
const DANGER_WRAPPER_RESERVE = 4_096;
const MAX_OUTPUT_CHARS = 4_000;

export interface PrCommentOptions {
  /** Link to the HTML report artifact of this run. */
  reportUrl?: string;
  /** The comment's language; default: the one results.json was written in (`extra_data.lang`). */
  lang?: Lang;
  /** Whole comment budget, Danger's wrapper included. Default: GitHub's 65,536. */
  limit?: number;
}

/**
 * What the dangerfile hands to Danger: one markdown block, the whole comment. Danger's own `fail()`
 * and `warn()` tables would repeat the findings under English headings ("Fails", "Warnings"), so
 * nothing goes there: the comment is in one language. `failed`: the submission is invalid or not graded.
 */
export interface PrComment {
  markdown: string;
  failed: boolean;
}

/**
 * The pull-request comment for one submission's `results.json`, in its language: the total, the
 * per-ToDo table (an item a TA has not scored yet is pending, never 0; an undecided one says the TA's
 * run decides), the lowest validation BCE per model, the findings with their hints and a link to the
 * report. An invalid submission, or one whose grade could not be computed (not graded: no scores, and
 * whose fault it was), says so in bold under the heading. The comment is the same markdown as the
 * job summary of the student's run (`fitcheck github`). When the findings would push the comment past GitHub's limit, the comment lists as many as fit and
 * says how many more there are, so the comment is never refused.
 */
export function buildPrComment(results: unknown, options: PrCommentOptions = {}): PrComment {
  const d = digestResults(results);
  const messages = loadMessages(options.lang ?? d.lang);
  const t = (key: string, params?: Record<string, unknown>): string => translate(messages, `pr.${key}`, params);
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const who = d.studentName !== null ? ` — ${mdText(d.studentName)}${d.studentId !== null ? ` (${mdText(d.studentId)})` : ''}` : '';
  const failed = d.status === 'invalid' || d.status === 'error';
  const head: string[] = [];
  if (failed) {
    head.push(`## fitcheck: ${t(d.status === 'invalid' ? 'headInvalid' : 'headNotGraded')}${who}`, '');
    const why = d.fault ? ` (${mdText(translate(messages, `owner.${d.fault.owner}`))}: ${mdCode(d.fault.code)})` : '';
    head.push(`**❌ ${d.status === 'invalid' ? t('failInvalid') : t('failNotGraded', { why })}**`, '');
    if (d.output.trim() !== '') head.push('```text', clip(d.output.replaceAll('```', "'''"), MAX_OUTPUT_CHARS), '```', '');
  } else {
    head.push(`## fitcheck: ${formatScore(d.total)} / ${formatScore(d.maxTotal)}${who}`, '');
  }
  if (d.items.length > 0 && d.status !== 'error') {
    head.push(`| ${t('todo')} | ${t('score')} | ${t('max')} |`, '|---|---:|---:|');
    for (const item of d.items) {
      const score = item.score === null ? t('pending')
        : item.status === 'undecided' ? `${formatScore(item.score)} (${translate(messages, 'todos.status_undecided')})` : formatScore(item.score);
      head.push(`| ${mdText(item.name)} | ${score} | ${formatScore(item.maxScore)} |`);
    }
    head.push(`| **${t('total')}** | **${formatScore(d.total)}** | **${formatScore(d.maxTotal)}** |`, '');
    const undecided = d.items.filter((i) => i.status === 'undecided');
    if (undecided.length > 0) head.push(t('undecided', { items: undecided.map((i) => mdText(i.id)).join(', ') }), '');
  }
  if (d.models.length > 0) {
    head.push(`### ${t('models')}`, '', `| ${t('model')} | ${t('lowest')} | ${t('epoch')} |`, '|---|---:|---:|');
    for (const m of d.models) head.push(`| ${mdText(m.model)} | ${formatNumber(langOf(messages), m.bestValBce, 4)} | ${m.epoch ?? '–'} |`);
    head.push('');
  }
  const tail = options.reportUrl !== undefined ? ['', `📄 [${t('report')}](${encodeURI(options.reportUrl).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`] : [];

  let budget = limit - DANGER_WRAPPER_RESERVE - [...head, ...tail].reduce((n, l) => n + l.length + 1, 0);
  const findingLines: string[] = [];
  let shown = 0;
  for (const f of d.findings) {
    const line = `- ${findingText(f, t)}`;
    // Keep room for the "…and N more" line.
    if (line.length + 1 > budget - 200) break;
    budget -= line.length + 1;
    findingLines.push(line);
    shown++;
  }
  const findings = d.findings.length === 0 ? [] : [`### ${t('findings', { count: d.findings.length })}`, '', ...findingLines];
  if (shown < d.findings.length) findings.push('', t('more', { count: d.findings.length - shown }));
  return { markdown: [...head, ...findings, ...tail].join('\n').trimEnd(), failed };
}

function findingText(f: ResultsFinding, t: (key: string, params?: Record<string, unknown>) => string): string {
  const place = [f.item !== undefined ? t('item', { item: f.item }) : undefined, f.model].filter((p) => p !== undefined);
  const where = place.length > 0 ? ` (${mdText(place.join(', '))})` : '';
  const hint = f.hint !== '' ? ` — *${t('fix')}* ${mdText(f.hint)}` : '';
  return `${mdCode(f.code)}${where}: ${mdText(f.message)}${hint}`;
}

/**
 * The `fail()` the dangerfile posts when the run left no readable results, in `lang` (no results.json
 * to say the lab's; English for no or an unknown language): the reason (a JSON error may quote the file) as text.
 */
export function unreadableResults(path: string, error: unknown, lang?: string): string {
  const why = error instanceof Error ? error.message : String(error);
  return translate(loadMessages(lang !== undefined && isLang(lang) ? lang : 'en'), 'pr.unreadable', { path: mdText(path), why: mdText(why) });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}
