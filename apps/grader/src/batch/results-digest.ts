import { fromGradescopeText } from '../results/gradescope.js';

/** One rubric item (a Gradescope `tests[]` entry) as the gradebook shows it. */
export interface ItemScore {
  /** Column key: the item's number when it has one ("1", "2.1"), else its name. */
  id: string;
  name: string;
  score: number;
  maxScore: number;
}

/** A problem the grader found, with its stable code. */
export interface Finding {
  code: string;
  message: string;
  hint?: string;
  item?: string;
  model?: string;
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
  /** `extra_data.status` when the grader set one. */
  status: string | null;
  total: number;
  maxTotal: number;
  items: ItemScore[];
  findings: Finding[];
  models: ModelBce[];
  /** The submission-wide text (why it is invalid, or the grader's summary). */
  output: string;
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
    return { id: asString(test.number) ?? name, name, score: asNumber(test.score) ?? 0, maxScore: asNumber(test.max_score) ?? 0 };
  });
  const findings = asArray(extra.findings).flatMap((f) => {
    const finding = asRecord(f);
    const code = asString(finding.code);
    if (code === undefined) return [];
    const hint = asString(finding.hint);
    const item = asString(finding.item);
    const model = asString(finding.model);
    return [{
      code,
      message: asString(finding.message) ?? '',
      ...(hint !== undefined && { hint }),
      ...(item !== undefined && { item }),
      ...(model !== undefined && { model }),
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
    status: asString(extra.status) ?? null,
    total: asNumber(r.score) ?? items.reduce((sum, t) => sum + t.score, 0),
    maxTotal: asNumber(r.max_score) ?? items.reduce((sum, t) => sum + t.maxScore, 0),
    items,
    findings,
    models,
    output: fromGradescopeText(asString(r.output) ?? ''),
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

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
