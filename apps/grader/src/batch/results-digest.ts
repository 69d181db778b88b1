import { OWNERS } from '@fitcheck/core/errors';
import type { Fault } from '../errors.js';
import { LANGS, type Lang } from '../messages/locale.js';
import { TEST_STATUSES, type TestStatus } from '../results/test-status.js';
import { FINDINGS, isFindingCode, type ResultsFinding, type Severity } from '../findings/types.js';

/** One rubric item (a Gradescope `tests[]` entry) as the gradebook shows it. */
export interface ItemScore {
  /** Column key: the item's number when it has one ("1", "2.1"), else its name. */
  id: string;
  name: string;
  /** Null while the item is pending (a TA's, not scored yet): never read as 0. */
  score: number | null;
  /** The item's points (`extra_data.points`, else `max_score`). */
  maxScore: number;
  status: TestStatus;
}

/** The lowest validation BCE a model reached, for the PR comment. */
export interface ModelBce {
  model: string;
  bestValBce: number;
  epoch?: number;
}

/** What the batch, the gradebook and the PR comment read from one `results.json`. */
export interface ResultsDigest {
  studentId: string | null;
  studentName: string | null;
  /** The id the submission itself gives (`extra_data.student.submittedId`), when it differs from nothing else. */
  submittedId: string | null;
  /** `extra_data.status` when the grader set one. */
  status: string | null;
  /** Why the grade could not be computed (`extra_data.fault`, status `error`): such a row is not graded, not a 0. */
  fault: Fault | null;
  total: number;
  maxTotal: number;
  items: ItemScore[];
  findings: ResultsFinding[];
  models: ModelBce[];
  /** The submission-wide text (why it is invalid, or the grader's summary). */
  output: string;
  /** Why an invalid submission is invalid: one `file:line:col: message` a problem (`extra_data.errors`). */
  errors: string[];
  /** The language results.json's sentences are in (`extra_data.lang`; English when it does not say). */
  lang: Lang;
}

/**
 * Reads a Gradescope `results.json` (the grader's `GradescopeResults`, results/gradescope.ts)
 * defensively: it may come from a grader that crashed half-way,
 * so missing or mistyped fields become empty values instead of exceptions.
 */
export function digestResults(results: unknown): ResultsDigest {
  const r = asRecord(results);
  const extra = asRecord(r.extra_data);
  const student = asRecord(extra.student);
  const items = asArray(r.tests).map((t, i) => {
    const test = asRecord(t);
    const name = asString(test.name) ?? `test ${i + 1}`;
    const extra = asRecord(test.extra_data);
    const status = oneOf(TEST_STATUSES, extra.status) ?? 'auto';
    const score = status === 'pending' ? null : (asNumber(test.score) ?? 0);
    return { id: asString(test.number) ?? name, name, score, maxScore: asNumber(extra.points) ?? asNumber(test.max_score) ?? 0, status };
  });
  // Findings whose code this grader does not know (another version's) are left out: their owner is unknown.
  const findings = asArray(extra.findings).flatMap((f): ResultsFinding[] => {
    const finding = asRecord(f);
    const code = asString(finding.code);
    if (code === undefined || !isFindingCode(code)) return [];
    const item = asString(finding.item);
    const model = asString(finding.model);
    const file = asString(finding.file);
    const line = asPosition(finding.line);
    const column = asPosition(finding.column);
    return [{
      code,
      owner: oneOf(OWNERS, finding.owner) ?? FINDINGS[code],
      severity: oneOf(SEVERITIES, finding.severity) ?? 'error',
      message: asString(finding.message) ?? '',
      hint: asString(finding.hint) ?? '',
      ...(item !== undefined && { item }),
      ...(model !== undefined && { model }),
      ...(file !== undefined && line !== undefined && { file, line, column: column ?? 1 }),
    }];
  });
  const models = asArray(extra.models).flatMap((m) => {
    const model = asRecord(m);
    const name = asString(model.name);
    const bce = asNumber(model.bestValBce);
    if (name === undefined || bce === undefined) return [];
    const epoch = asNumber(model.bestEpoch);
    return [{ model: name, bestValBce: bce, ...(epoch !== undefined && { epoch }) }];
  });
  return {
    studentId: asString(student.id) ?? null,
    studentName: asString(student.name) ?? null,
    submittedId: asString(student.submittedId) ?? null,
    status: asString(extra.status) ?? null,
    fault: faultOf(extra.fault),
    total: asNumber(r.score) ?? items.reduce((sum, t) => sum + (t.score ?? 0), 0),
    // extra_data.max_score since results.json follows Gradescope's specification; a top-level one before.
    maxTotal: asNumber(extra.max_score) ?? asNumber(r.max_score) ?? items.reduce((sum, t) => sum + t.maxScore, 0),
    items,
    findings,
    models,
    output: asString(r.output) ?? '',
    errors: asArray(extra.errors).flatMap((e) => (typeof e === 'string' ? [e] : [])),
    lang: oneOf(LANGS, extra.lang) ?? 'en',
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A 1-based line or column. */
function asPosition(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const SEVERITIES = ['error', 'warning', 'info'] as const satisfies readonly Severity[];

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((v) => v === value);
}

function faultOf(value: unknown): Fault | null {
  const fault = asRecord(value);
  const code = asString(fault.code);
  const owner = oneOf(OWNERS, fault.owner);
  if (code === undefined || owner === undefined) return null;
  const hint = asString(fault.hint);
  return { code, owner, message: asString(fault.message) ?? '', ...(hint !== undefined && { hint }) };
}
