import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPrComment } from '../batch/pr-comment.js';
import { checkLang } from '../cli/cli-lang.js';
import { GraderError } from '../errors.js';
import { annotationsOf } from './annotations.js';
import { text } from '../messages/text.js';

export interface GithubReportOptions {
  /** The folder `pnpm check` wrote (`out/check`). */
  out: string;
  /** Where the job summary goes: `$GITHUB_STEP_SUMMARY`; none, no summary. */
  summary?: string;
  /** Link to the run (its artifacts: the HTML report). */
  reportUrl?: string;
  lang?: string;
}

/**
 * What a push shows on GitHub without a pull request: the score table, findings and report link as
 * the job summary (appended to `summary`: the same markdown as the PR comment), and the annotations
 * (`annotationsOf`) to print on the job's log, which GitHub shows on the files at their lines.
 * @throws GraderError `INVALID_FLAG` when OUT holds no readable results.json.
 */
export async function githubReport(options: GithubReportOptions): Promise<{ annotations: string[]; summary: string }> {
  const file = join(options.out, 'results.json');
  let results: unknown;
  try {
    results = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    throw new GraderError('INVALID_FLAG', text('errLab.noResults', { out: options.out, error }), { file }, text('errLab.noResultsHint'));
  }
  const lang = checkLang(options.lang);
  const { markdown } = buildPrComment(results, { ...(options.reportUrl !== undefined && { reportUrl: options.reportUrl }), ...(lang && { lang }) });
  if (options.summary !== undefined && options.summary !== '') await appendFile(options.summary, `${markdown}\n`);
  return { annotations: annotationsOf(results), summary: markdown };
}
