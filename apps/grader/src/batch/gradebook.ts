import { stringify } from 'csv-stringify/sync';
import type { ClassRow } from './class-rows.js';
import { classItems } from './class-rows.js';
import { formatScore } from './ordering.js';

/**
 * The class gradebook as CSV: `student_id, name, submitted_id, todo_<n>…, total, status, undecided,
 * fault, findings, folder`, one row per submission in key order. `student_id` is who the course says
 * submitted it (roster, Gradescope, folder); `submitted_id` what the submission itself says, for the
 * TA to compare (a disagreement the course can check is the finding `STUDENT_ID_MISMATCH`). An item a TA has not scored yet reads
 * `pending` (never 0); `undecided` lists the items whose verdict the TA's run decides (`1;9`; they
 * cost no points, their cells hold the check's score). A submission whose grade could not be
 * computed (status `error`) has no scores and no total — it is not graded, not a 0 — and `fault`
 * says why (`owner:CODE`, e.g. `environment:TRAINING_CRASHED`). RFC 4180 (every field that holds `,` `"` CR or LF is quoted,
 * quotes doubled, CRLF line ends), and text cells that a spreadsheet would run as a formula
 * (starting with `=` `+` `-` `@` tab or CR, as OWASP's CSV-injection guidance lists) get a
 * leading `'`; score cells are numbers and are left alone.
 */
export function formatGradebook(rows: readonly ClassRow[]): string {
  const items = classItems(rows);
  const header = ['student_id', 'name', 'submitted_id', ...items.map((i) => `todo_${i.id}`), 'total', 'status', 'undecided', 'fault', 'findings', 'folder'];
  const body = rows.map(({ entry, digest }) => {
    const scores = new Map(digest.items.map((i) => [i.id, i.score]));
    const graded = entry.status !== 'error';
    return [
      digest.studentId ?? entry.studentId ?? '',
      digest.studentName ?? entry.studentName ?? '',
      digest.submittedId ?? entry.submittedId ?? '',
      ...items.map((i) => {
        const score = scores.get(i.id);
        return score === undefined || !graded ? '' : score === null ? 'pending' : Number(formatScore(score));
      }),
      graded ? Number(formatScore(digest.total)) : '',
      entry.status,
      digest.items.filter((i) => i.status === 'undecided').map((i) => i.id).join(';'),
      digest.fault ? `${digest.fault.owner}:${digest.fault.code}` : '',
      [...new Set(digest.findings.map((f) => f.code))].join(';'),
      entry.folder,
    ];
  });
  // csv-stringify quotes a field holding the whole record delimiter (CRLF) but not a lone LF or
  // CR, which RFC 4180 also requires quoted: quoted_match covers those.
  return stringify([header, ...body], { record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ });
}
