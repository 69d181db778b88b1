// The pull-request bot: one comment with the submission's score, per-ToDo table, findings and
// report link. It runs in the privileged `workflow_run` job (grading/ci/comment.yml) on the
// base repository's checkout: the results file is data from the untrusted run, never code.
import { readFileSync } from 'node:fs';
import { fail, markdown, warn } from 'danger';
// Through the package's `./pr-comment` export (the root's devDependency), never a path into its dist/:
// Danger requires the dangerfile as CommonJS, which cannot load the whole grader (it has top-level awaits).
import { buildPrComment, unreadableResults } from '@fitcheck/grader/pr-comment';

const resultsPath = process.env.FITCHECK_RESULTS ?? 'out/results.json';
const reportUrl = process.env.FITCHECK_REPORT_URL;

let results: unknown;
try {
  results = JSON.parse(readFileSync(resultsPath, 'utf8'));
} catch (e) {
  fail(unreadableResults(resultsPath, e));
}

if (results !== undefined) {
  const comment = buildPrComment(results, reportUrl ? { reportUrl } : {});
  markdown(comment.markdown);
  for (const message of comment.fails) fail(message);
  for (const message of comment.warnings) warn(message);
}
