/**
 * The words of Gradescope's results.json specification that fitcheck uses, kept with their schema
 * (`apps/grader/schemas/gradescope-results.schema.json`; a test checks the two agree). Its own
 * module: the lab's types and the PR comment read it without loading the grader.
 */

/** How Gradescope shows a string of results.json (`output_format`, `test_output_format`, `name_format`, …). */
export const OUTPUT_FORMATS = ['text', 'html', 'simple_format', 'md', 'ansi'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** When students see a test, the whole result or run_autograder's output. */
export const VISIBILITIES = ['hidden', 'after_due_date', 'after_published', 'visible'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * The one format fitcheck writes every output and name in: `text`, which Gradescope shows as
 * written (in a `<pre>`), so no markup a student wrote can render, and nothing needs escaping
 * (an HTML entity would be shown as `&lt;`, letter for letter).
 */
export const RESULTS_FORMAT = 'text' satisfies OutputFormat;

/**
 * Who sees what, and when, unless the rubric says otherwise: every test and the result at once
 * (`visible`, Gradescope's own default), run_autograder's output never (`hidden`, Gradescope's
 * default too: fitcheck's log names files and profiles the students need not see).
 */
export const DEFAULT_VISIBILITY = { tests: 'visible', stdout: 'hidden' } as const satisfies Record<string, Visibility>;

/** One column of a Gradescope leaderboard: `order: asc` ranks the lowest value first (default `desc`). */
export interface LeaderboardEntry {
  name: string;
  value: number | string;
  order?: 'asc' | 'desc';
}
