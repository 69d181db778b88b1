import { formatScore } from './ordering.js';
import { mdCode, mdText } from './markdown-text.js';
import type { Owner } from '@fitcheck/core/errors';
import type { ResultsFinding } from '../findings/types.js';
import { digestResults } from './results-digest.js';

/** Who caused a fault, in the comment's words. */
const OWNER_WORDS: Record<Owner, string> = {
  submission: 'the submission', lab: "the lab's configuration", grader: 'a bug in the grader', environment: 'the grading machine',
};

/** GitHub refuses issue comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
// Danger wraps our messages in its own header, tables and footer; keep this much for it.
const DANGER_WRAPPER_RESERVE = 4_096;
// Danger renders each warn()/fail() as one HTML table row around the text.
const DANGER_ROW_OVERHEAD = 100;
const MAX_OUTPUT_CHARS = 4_000;

export interface PrCommentOptions {
  /** Link to the HTML report artifact of this run. */
  reportUrl?: string;
  /** Whole comment budget, Danger's wrapper included. Default: GitHub's 65,536. */
  limit?: number;
}

/** What the dangerfile hands to Danger: one markdown block, `fail()`s and `warn()`s. */
export interface PrComment {
  markdown: string;
  fails: string[];
  warnings: string[];
}

/**
 * The pull-request comment for one submission's `results.json`: the total, the per-ToDo table,
 * the lowest validation BCE per model, the findings with their hints and a link to the report.
 * An invalid submission (or a grader error) is a `fail`; each finding is a `warn`. When the
 * findings would push the comment past GitHub's limit, the comment lists as many as fit and
 * says how many more there are, so the comment is never refused.
 */
export function buildPrComment(results: unknown, options: PrCommentOptions = {}): PrComment {
  const d = digestResults(results);
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const who = d.studentName !== null ? ` — ${mdText(d.studentName)}${d.studentId !== null ? ` (${mdText(d.studentId)})` : ''}` : '';
  const failed = d.status === 'invalid' || d.status === 'error';
  const head: string[] = [];
  const fails: string[] = [];
  if (failed) {
    head.push(`## fitcheck: ${d.status === 'invalid' ? 'submission not graded' : 'not graded'}${who}`, '');
    const why = d.fault ? ` (${mdText(OWNER_WORDS[d.fault.owner])}: \`${mdText(d.fault.code)}\`)` : '';
    fails.push(d.status === 'invalid'
      ? 'The submission is invalid and was not graded: fix the problems below and push again.'
      : `The grade could not be computed${why}. This is not a 0 and not your fault: a TA will grade it again.`);
    if (d.output.trim() !== '') head.push('```text', clip(d.output.replaceAll('```', "'''"), MAX_OUTPUT_CHARS), '```', '');
  } else {
    head.push(`## fitcheck: ${formatScore(d.total)} / ${formatScore(d.maxTotal)}${who}`, '');
  }
  if (d.items.length > 0 && d.status !== 'error') {
    head.push('| ToDo | score | max |', '|---|---:|---:|');
    for (const item of d.items) head.push(`| ${mdText(item.name)} | ${formatScore(item.score)} | ${formatScore(item.maxScore)} |`);
    head.push(`| **total** | **${formatScore(d.total)}** | **${formatScore(d.maxTotal)}** |`, '');
  }
  if (d.models.length > 0) {
    head.push('### Lowest validation BCE per model', '', '| model | lowest val BCE | epoch |', '|---|---:|---:|');
    for (const m of d.models) head.push(`| ${mdText(m.model)} | ${m.bestValBce.toFixed(4)} | ${m.epoch ?? '–'} |`);
    head.push('');
  }
  const tail = options.reportUrl !== undefined ? ['', `📄 [Full report (HTML)](${encodeURI(options.reportUrl).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`] : [];

  let budget = limit - DANGER_WRAPPER_RESERVE - fails.reduce((n, f) => n + f.length + DANGER_ROW_OVERHEAD, 0)
    - [...head, ...tail].reduce((n, l) => n + l.length + 1, 0);
  const findingLines: string[] = [];
  const warnings: string[] = [];
  let shown = 0;
  for (const f of d.findings) {
    const line = `- ${findingText(f)}`;
    const warning = `${mdCode(f.code)}: ${mdText(f.message)}`;
    // One more line costs its own length plus its warn() row; keep room for the "…and N more" line.
    const cost = line.length + 1 + warning.length + DANGER_ROW_OVERHEAD;
    if (cost > budget - 200) break;
    budget -= cost;
    findingLines.push(line);
    warnings.push(warning);
    shown++;
  }
  const findings = d.findings.length === 0 ? [] : [`### Findings (${d.findings.length})`, '', ...findingLines];
  if (shown < d.findings.length) findings.push('', `…and ${d.findings.length - shown} more findings, not shown here: see the full report.`);
  return { markdown: [...head, ...findings, ...tail].join('\n').trimEnd(), fails, warnings };
}

function findingText(f: ResultsFinding): string {
  const place = [f.item !== undefined ? `ToDo ${f.item}` : undefined, f.model].filter((p) => p !== undefined);
  const where = place.length > 0 ? ` (${mdText(place.join(', '))})` : '';
  const hint = f.hint ? ` — *fix:* ${mdText(f.hint)}` : '';
  return `${mdCode(f.code)}${where}: ${mdText(f.message)}${hint}`;
}

/** The `fail()` the dangerfile posts when the run left no readable results: the reason (a JSON error may quote the file) as text. */
export function unreadableResults(path: string, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `fitcheck: no readable results at ${mdText(path)} (${mdText(why)}); the grading run did not finish.`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}
