import { stripVTControlCharacters } from 'node:util';
import type { ConfigIssue } from '@fitcheck/core';
import type { ItemResult } from '../checks/run-rubric.js';
import type { ModelFacts } from '../checks/facts.js';
import { localizeFinding } from '../findings/finding.js';
import type { Finding, ResultsFinding } from '../findings/types.js';
import { langOf, loadMessages, type Lang, type Messages } from '../messages/locale.js';
import { faultWordsIn } from '../messages/fault-words.js';
import { issueLine } from '../messages/issue-line.js';
import { renderLines, renderParam, renderText, text } from '../messages/text.js';
import { trainingDetail } from '../run/training-error.js';
import type { LeaderboardColumn, Rubric, RubricItem } from '../lab/types.js';
import type { Fault, FaultWords } from '../errors.js';
import { DEFAULT_VISIBILITY, RESULTS_FORMAT, type LeaderboardEntry, type Visibility } from './gradescope-spec.js';
import type { TestStatus } from './test-status.js';
import type { IdentitySource } from '../submission/identity.js';

export { TEST_STATUSES, type TestStatus } from './test-status.js';

/**
 * One Gradescope `tests[]` entry. A pending test has no `score`, `max_score` or `status` (Gradescope
 * allows a test without them when the top-level `score` is given, which fitcheck always gives): it
 * is shown, never as 0/10; `extra_data.points` is what the item is worth once a TA scores it. See
 * docs/decisions/0006. Its name and output are plain text (`name_format`, `output_format`).
 */
export interface GradescopeTest {
  name: string;
  name_format: typeof RESULTS_FORMAT;
  number: string;
  score?: number;
  max_score?: number;
  status?: 'passed' | 'failed';
  output: string;
  output_format: typeof RESULTS_FORMAT;
  visibility: Visibility;
  tags: string[];
  extra_data: { status: TestStatus; check: string; points: number };
}

/** A model's facts as results.json carries them (`extra_data.models[]`). */
export interface ModelSummaryFacts {
  name: string;
  source: 'submission' | 'lab';
  params: number | null;
  flopsPerSample: number | null;
  flopsPerEpoch: number | null;
  epochsRun: number | null;
  bestEpoch: number | null;
  bestValBce: number | null;
  finalTrainBce: number | null;
  finalValBce: number | null;
  /** Smoothed end values and their difference: what the verdicts read (`historyFacts`). */
  smoothedFinalTrainBce: number | null;
  smoothedFinalValBce: number | null;
  gap: number | null;
  earlyStopped: boolean | null;
  /** Stopped once its rubric verdict was settled (an overfitting rise beyond noise). */
  settled: boolean | null;
  seconds: number | null;
  backend: string | null;
  error: string | null;
  /** The seed of this run, and the runs with further seeds a close or failing verdict asked for. */
  seed: number | null;
  otherSeeds: { seed: number; epochsRun: number | null; bestEpoch: number | null; bestValBce: number | null; gap: number | null; seconds: number | null; error: string | null }[];
}

/**
 * Gradescope's autograder `results.json` (`apps/grader/schemas/gradescope-results.schema.json`),
 * with fitcheck's facts in `extra_data`. Every string is plain text (`output_format`,
 * `test_output_format`, `test_name_format`): Gradescope shows it as written.
 */
export interface GradescopeResults {
  score: number;
  /** Whole seconds. */
  execution_time: number;
  output: string;
  output_format: typeof RESULTS_FORMAT;
  test_output_format: typeof RESULTS_FORMAT;
  test_name_format: typeof RESULTS_FORMAT;
  visibility: Visibility;
  stdout_visibility: Visibility;
  tests: GradescopeTest[];
  /** The lab's leaderboard columns whose value this run has (graded submissions only). */
  leaderboard?: LeaderboardEntry[];
  extra_data: {
    /**
     * What the whole lab is worth: every item's points, the pending ones included (Gradescope's
     * specification has no top-level maximum; its tests' `max_score` leave the pending ones out).
     */
    max_score: number;
    /**
     * `graded`; `invalid`: the submission could not be read (the student's fault: every autograded
     * item 0, the TA's items pending);
     * `error`: the grade could not be computed for a fault that is not the student's (`fault`
     * says whose): no score is given, `score` and `max_score` are 0 and `tests` is empty.
     */
    status: 'graded' | 'invalid' | 'error';
    /** The language of every sentence in this file (outputs, findings), for whoever shows them again. */
    lang: Lang;
    /** Why the grade could not be computed (status `error`); null otherwise. */
    fault: Fault | null;
    lab: string;
    profile: string;
    seed: number;
    grader: { name: string; version: string };
    backend: string | null;
    /**
     * Who submitted it, as the course says (`source`: Gradescope's metadata, the roster, the folder's
     * name, or the submission's own `student:` when nothing else names the student), and the id the
     * submission itself declares (`submittedId`), which is only cross-checked (`STUDENT_ID_MISMATCH`).
     */
    student: { name: string | null; id: string | null; source: IdentitySource | null; submittedId: string | null };
    submissionFile: string | null;
    findings: ResultsFinding[];
    models: ModelSummaryFacts[];
    errors: string[];
  };
}

export interface ResultsMeta {
  lab: string;
  profile: string;
  seed: number;
  version: string;
  seconds: number;
  backend: string | null;
  student?: { name: string | null; id: string; source?: IdentitySource; submittedId?: string };
  submissionFile?: string;
  /** The rubric's Gradescope visibility (`visibility`, `stdoutVisibility`), once the lab is read. */
  visibility?: { tests?: Visibility; stdout?: Visibility };
  /** The lab's leaderboard columns, once the lab is read. */
  leaderboard?: LeaderboardColumn[];
}

/**
 * A graded run: one test per rubric item, the scores summed, findings and model facts kept, every
 * sentence (outputs, findings) in the language of `messages`.
 */
export function gradedResults(
  items: ItemResult[], models: ModelFacts[], meta: ResultsMeta, summary: string, messages: Messages = loadMessages('en'),
): GradescopeResults {
  const localized = items.map((r) => ({ ...r, findings: r.outcome.findings.map((f) => localizeFinding(f, messages)) }));
  const tests = localized.map(({ item, outcome, findings }): GradescopeTest => {
    const status: TestStatus = isPending({ item, outcome }) ? 'pending' : outcome.status === 'undecided' ? 'undecided' : 'auto';
    const output = [
      // What the status means comes first, in the reader's language: Gradescope shows the output as is.
      ...(status === 'auto' ? [] : [renderText(messages, text(`results.status_${status}`, { points: item.points }))]),
      renderLines(messages, outcome.lines), ...findings.map((f) => describeFinding(f, messages)),
    ].filter((s) => s !== '').join('\n');
    const base = {
      ...testText(item, output, meta, messages),
      tags: [item.check, ...(item.manual ? ['manual'] : []), ...(status === 'auto' ? [] : [status])],
      extra_data: { status, check: item.check, points: item.points },
    };
    return status === 'pending' ? base : { ...base, ...scored(outcome.score, item.points) };
  });
  const summaries = models.map((m) => summarizeModel(m, messages));
  return assemble(tests, meta, summary, {
    status: 'graded',
    lang: langOf(messages),
    fault: null,
    findings: localized.flatMap((r) => r.findings.map(({ params: _params, ...f }) => f)),
    models: summaries,
    errors: [],
  }, leaderboard(meta.leaderboard ?? [], summaries));
}

/** A test's name, number, output and who sees it (the item's `visibility`; a TA-only item's `after_published`; else the rubric's, else `visible`). */
function testText(item: RubricItem, output: string, meta: ResultsMeta, messages: Messages): Pick<GradescopeTest, 'name' | 'name_format' | 'number' | 'output' | 'output_format' | 'visibility'> {
  return {
    name: itemName(item, messages), name_format: RESULTS_FORMAT, number: item.number, output, output_format: RESULTS_FORMAT,
    visibility: item.visibility ?? (item.taOnly ? 'after_published' : undefined) ?? meta.visibility?.tests ?? DEFAULT_VISIBILITY.tests,
  };
}

/** The lab's leaderboard columns whose fact this run has: a model that did not train shows on no leaderboard. */
function leaderboard(columns: readonly LeaderboardColumn[], models: readonly ModelSummaryFacts[]): LeaderboardEntry[] {
  return columns.flatMap(({ name, model, fact, order }) => {
    const value = models.find((m) => m.name === model)?.[fact];
    if (typeof value !== 'number' || !Number.isFinite(value)) return [];
    return [{ name, value, order: order ?? (fact === 'params' || fact === 'epochsRun' ? 'desc' : 'asc') }];
  });
}

/**
 * A submission that could not be read or validated (the student's fault): every autograded item 0,
 * the TA's items still pending, the problems as the output (`file:line:col: message (did you mean
 * …)`), so the student sees exactly what to fix.
 */
export function invalidResults(rubric: Rubric, issues: ConfigIssue[], meta: ResultsMeta, messages: Messages = loadMessages('en')): GradescopeResults {
  const lines = issues.map((i) => issueLine(i, messages));
  const output = `${renderText(messages, text('results.invalid'))}\n${lines.join('\n')}`;
  return assemble(zeroTests(rubric, renderText(messages, text('results.notGradedInvalid')), meta, messages), meta, output, { status: 'invalid', lang: langOf(messages), fault: null, findings: [], models: [], errors: lines });
}

/**
 * The grade could not be computed, for a fault that is not the student's (the lab's, the grader's,
 * the machine's): still a results.json, for Gradescope and the batch, but with no score presented as a
 * grade — no tests, `score` 0 (Gradescope needs a number) and `extra_data.max_score` 0, `extra_data.status`
 * `error` and the fault with its owner; `output` (which Gradescope shows the student) says it is not
 * a 0 and why. See docs/decisions/0006-results-status.md.
 */
export function faultResults(fault: Fault, meta: ResultsMeta, messages: Messages = loadMessages('en'), given?: FaultWords): GradescopeResults {
  // The fault's words when it carries them (the student reads this output); `fault` itself stays English in extra_data.
  const words = faultWordsIn(messages, given);
  const message = words ? renderText(messages, words.message) : fault.message;
  const hint = words ? (words.hint && renderText(messages, words.hint)) : fault.hint;
  const detail = hint === undefined ? message : `${message}\n${renderText(messages, text('results.fix', { hint }))}`;
  const output = renderText(messages, text('results.notGraded', { cause: text(`cause.${fault.owner}`), code: fault.code, detail }));
  // `errors`: the lines the report shows, in the reader's language (`fault` keeps the English for the TA).
  return assemble([], meta, output, { status: 'error', lang: langOf(messages), fault, findings: [], models: [], errors: hint === undefined ? [message] : [message, hint] });
}

/**
 * The results' first line: the autograded score, how many items (and points) wait for the TA, the
 * findings, and — when there are any — the undecided items, which the TA's run decides.
 */
export function summaryLine(items: ItemResult[], messages: Messages): string {
  const auto = items.filter((r) => !isPending(r));
  const pending = items.filter(isPending);
  const undecided = items.filter((r) => r.outcome.status === 'undecided');
  const score = auto.reduce((s, r) => s + r.outcome.score, 0);
  const max = auto.reduce((s, r) => s + r.item.points, 0);
  const findings = items.reduce((n, r) => n + r.outcome.findings.length, 0);
  const line = text('results.summary', {
    score: Math.round(score * 100) / 100, max, pending: pending.length, points: pending.reduce((s, r) => s + r.item.points, 0), findings,
  });
  const flagged = undecided.length === 0 ? [] : [text('results.undecided', { count: undecided.length, items: undecided.map((r) => r.item.number).join(', ') })];
  return [line, ...flagged].map((l) => renderText(messages, l)).join(' ');
}

/** The TA's to score: an item the rubric marks `manual`, whatever its check saw, or one its check left pending. */
function isPending({ item, outcome }: Pick<ItemResult, 'item' | 'outcome'>): boolean {
  return item.manual === true || outcome.status === 'pending';
}

/** Two lines per finding: `[CODE] message`, then `  fix: hint` (the word "fix" in the reader's language). */
export function describeFinding(f: Finding, messages: Messages = loadMessages('en')): string {
  return `[${f.code}] ${f.message}\n  ${renderText(messages, text('results.fix', { hint: f.hint }))}`;
}

/** A rubric item's name in the reader's language (`translations.<lang>.name` in rubric.yaml), else its own. */
export function itemName(item: RubricItem, messages: Messages): string {
  return item.translations?.[langOf(messages)]?.name ?? item.name;
}

/** An invalid submission's tests: every autograded item 0, the TA's items still pending (no score). */
function zeroTests(rubric: Rubric, output: string, meta: ResultsMeta, messages: Messages): GradescopeTest[] {
  return rubric.items.map((item): GradescopeTest => {
    const base = testText(item, output, meta, messages);
    if (item.manual) {
      return { ...base, tags: [item.check, 'manual', 'pending'], extra_data: { status: 'pending', check: item.check, points: item.points } };
    }
    return { ...base, ...scored(0, item.points), tags: [item.check], extra_data: { status: 'auto', check: item.check, points: item.points } };
  });
}

/** A test's score fields: passed at full points, else failed. */
export function scored(score: number, points: number): Required<Pick<GradescopeTest, 'score' | 'max_score' | 'status'>> {
  return { score, max_score: points, status: score >= points ? 'passed' : 'failed' };
}

function assemble(
  tests: GradescopeTest[],
  meta: ResultsMeta,
  output: string,
  extra: Pick<GradescopeResults['extra_data'], 'status' | 'lang' | 'fault' | 'findings' | 'models' | 'errors'>,
  board: LeaderboardEntry[] = [],
): GradescopeResults {
  return {
    // Pending tests have no score: the total is what was scored; extra_data.max_score is every item's points.
    score: round(tests.reduce((sum, t) => sum + (t.score ?? 0), 0)),
    execution_time: Math.round(meta.seconds),
    output,
    output_format: RESULTS_FORMAT,
    test_output_format: RESULTS_FORMAT,
    test_name_format: RESULTS_FORMAT,
    visibility: meta.visibility?.tests ?? DEFAULT_VISIBILITY.tests,
    stdout_visibility: meta.visibility?.stdout ?? DEFAULT_VISIBILITY.stdout,
    tests,
    ...(board.length > 0 && { leaderboard: board }),
    extra_data: {
      max_score: tests.reduce((sum, t) => sum + t.extra_data.points, 0),
      status: extra.status,
      lang: extra.lang,
      fault: extra.fault,
      lab: meta.lab,
      profile: meta.profile,
      seed: meta.seed,
      grader: { name: '@fitcheck/grader', version: meta.version },
      backend: meta.backend,
      student: { name: meta.student?.name ?? null, id: meta.student?.id ?? null, source: meta.student?.source ?? null, submittedId: meta.student?.submittedId ?? null },
      submissionFile: meta.submissionFile ?? null,
      findings: extra.findings,
      models: extra.models,
      errors: extra.errors,
    },
  };
}

function summarizeModel(m: ModelFacts, messages: Messages): ModelSummaryFacts {
  const t = m.training;
  return {
    name: m.key,
    source: m.source,
    params: m.static?.params ?? null,
    flopsPerSample: m.static?.flopsPerSample ?? null,
    flopsPerEpoch: m.static?.flopsPerEpoch ?? null,
    epochsRun: t?.epochsRun ?? null,
    bestEpoch: t?.bestEpoch ?? null,
    bestValBce: t?.bestValBce ?? null,
    finalTrainBce: t?.finalTrainBce ?? null,
    finalValBce: t?.finalValBce ?? null,
    smoothedFinalTrainBce: t?.smoothedFinalTrainBce ?? null,
    smoothedFinalValBce: t?.smoothedFinalValBce ?? null,
    gap: t?.gap ?? null,
    earlyStopped: t?.stoppedEarly ?? null,
    settled: t ? (t.settled ?? false) : null,
    seconds: t ? Math.round(t.seconds * 10) / 10 : null,
    backend: t?.backend ?? null,
    error: m.trainingError ? renderParam(messages, trainingDetail(m.trainingError)) : firstError(m, messages),
    seed: t ? (m.seed ?? null) : null,
    otherSeeds: (m.extraRuns ?? []).map((r) => ({
      seed: r.seed,
      epochsRun: r.training?.epochsRun ?? null,
      bestEpoch: r.training?.bestEpoch ?? null,
      bestValBce: r.training?.bestValBce ?? null,
      gap: r.training?.gap ?? null,
      seconds: r.training ? Math.round(r.training.seconds * 10) / 10 : null,
      error: r.error?.message ?? null,
    })),
  };
}

// C0 and C1 control characters but tab and newline; the bidirectional overrides and isolates.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text for Gradescope's `output` and `name` fields, which quote the submission (a key, a name, a
 * layer name), in the format results.json declares for them ({@link RESULTS_FORMAT}, `text`):
 * Gradescope shows such a field as written, so markup stays letters and nothing is entity-escaped
 * (an `&lt;` would show as `&lt;`). What `text` cannot show is removed: terminal escapes (an ANSI
 * colour a log carries), other control characters and the bidirectional overrides that could
 * make a line read backwards. The one place to change if results.json ever names another format.
 */
export function gradescopeText(text: string): string {
  return stripVTControlCharacters(text).replace(NOT_TEXT, '');
}

/** results.json as Gradescope is given it: every `output` and `name` field through {@link gradescopeText}. */
export function forGradescope(results: GradescopeResults): GradescopeResults {
  return {
    ...results,
    output: gradescopeText(results.output),
    tests: results.tests.map((t) => ({ ...t, name: gradescopeText(t.name), output: gradescopeText(t.output) })),
  };
}

/** Scores to hundredths: sums of halves and thirds stay readable. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The message of a model's first static error, in the reader's language. */
function firstError(m: ModelFacts, messages: Messages): string | null {
  const error = m.staticFindings.find((f) => f.severity === 'error');
  return error ? localizeFinding(error, messages).message : null;
}
