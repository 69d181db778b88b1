import type { GradescopeResults, GradescopeTest } from '../results/gradescope.js';
import type { CorpusEntry, Expectation } from './corpus.js';
import type { GradeRun } from './grade-runs.js';

/** One autograded rubric item of one submission in one profile, over the seeds it was graded with. */
export interface ItemRow {
  submission: string;
  item: string;
  profile: string;
  expect: Expectation | null;
  seeds: number[];
  scores: number[];
  maxScore: number;
  /** `passed`, `failed` or `undecided` per seed. */
  statuses: string[];
  /** The same score on every seed. */
  agree: boolean;
  /** The clear case's expectation held on every seed (null for borderline and unlisted items). */
  expected: boolean | null;
}

export interface ProfileSummary {
  profile: string;
  submissions: number;
  seeds: number;
  pairs: number;
  agreeing: number;
  clearPairs: number;
  clearAgreeing: number;
  /** Clear cases whose expectation failed on some seed. */
  unexpected: string[];
  /** (submission, item, seed) verdicts left undecided, of all autograded ones. */
  undecided: number;
  verdicts: number;
  /** Wall time of one grade (results.json's `execution_time`), seconds. */
  medianSeconds: number;
  maxSeconds: number;
}

/** `check` against a final profile, on the submissions and seeds both graded. */
export interface StricterSummary {
  provisional: string;
  final: string;
  pairs: number;
  /** (submission, item) where the provisional profile scored below the final one on some seed. */
  stricter: string[];
  /** (submission, item) whose scores agree in both profiles on every common seed. */
  sameScore: number;
}

export interface CalibrationSummary {
  rows: ItemRow[];
  profiles: ProfileSummary[];
  comparisons: StricterSummary[];
}

/**
 * The calibration's figures from its grades: for each profile, how many (submission, item) pairs
 * score the same on every seed — overall and on the clear cases — and whether each clear case
 * scored as expected; for each provisional/final pair of profiles, where the provisional one was
 * stricter. A `fail` expectation holds when points are lost, or, in a provisional profile, when the
 * item is left undecided (a short run may not show a failure).
 */
export function summarizeCalibration(corpus: readonly CorpusEntry[], runs: readonly GradeRun[], provisional: ReadonlySet<string>): CalibrationSummary {
  const expectOf = new Map(corpus.map((e) => [e.name, e.expect]));
  const groups = new Map<string, GradeRun[]>();
  for (const run of runs) {
    const key = `${run.profile}\u0000${run.submission}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const rows: ItemRow[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.seed - b.seed);
    const { profile, submission } = sorted[0]!;
    for (const test of sorted[0]!.results.tests.filter(isAutograded)) {
      const perSeed = sorted.map((r) => r.results.tests.find((t) => t.number === test.number)!);
      const scores = perSeed.map((t) => t.score ?? 0);
      const statuses = perSeed.map((t, i) => statusOf(t, sorted[i]!.results));
      const expect = expectOf.get(submission)?.[test.number] ?? null;
      rows.push({
        submission, item: test.number, profile, expect, seeds: sorted.map((r) => r.seed), scores, maxScore: test.max_score ?? 0, statuses,
        agree: scores.every((s) => s === scores[0]),
        expected: expect === null || expect === 'borderline' ? null : perSeed.every((t, i) => held(expect, t, sorted[i]!.results, provisional.has(profile))),
      });
    }
  }
  const profiles = [...new Set(runs.map((r) => r.profile))].map((profile) => profileSummary(profile, rows, runs));
  const comparisons = [...provisional].flatMap((p) => profiles.filter((f) => !provisional.has(f.profile)).map((f) => stricter(p, f.profile, rows)))
    .filter((c) => c.pairs > 0);
  return { rows, profiles, comparisons };
}

/** An item the grader scores (a TA's item is pending: it has no score). */
function isAutograded(test: GradescopeTest): boolean {
  return !test.tags.includes('manual') && test.score !== undefined;
}

function full(test: GradescopeTest): boolean {
  return (test.score ?? 0) >= (test.max_score ?? 0);
}

/** passed / failed / undecided / pending: results.json's per-test status, or a VERDICT_UNDECIDED finding on the item. */
function statusOf(test: GradescopeTest, results: GradescopeResults): string {
  const status = (test.extra_data as { status?: string }).status;
  if (status === 'undecided' || status === 'pending') return status;
  if (results.extra_data.findings.some((f) => f.item === test.number && f.code === 'VERDICT_UNDECIDED')) return 'undecided';
  return full(test) ? 'passed' : 'failed';
}

function held(expect: 'pass' | 'fail', test: GradescopeTest, results: GradescopeResults, provisional: boolean): boolean {
  if (expect === 'pass') return full(test);
  return !full(test) || (provisional && statusOf(test, results) === 'undecided');
}

function profileSummary(profile: string, rows: ItemRow[], runs: readonly GradeRun[]): ProfileSummary {
  const mine = rows.filter((r) => r.profile === profile);
  const clear = mine.filter((r) => r.expected !== null);
  const seconds = runs.filter((r) => r.profile === profile).map((r) => r.results.execution_time).sort((a, b) => a - b);
  return {
    profile,
    submissions: new Set(mine.map((r) => r.submission)).size,
    seeds: Math.max(0, ...mine.map((r) => r.seeds.length)),
    pairs: mine.length,
    agreeing: mine.filter((r) => r.agree).length,
    clearPairs: clear.length,
    clearAgreeing: clear.filter((r) => r.agree).length,
    unexpected: clear.filter((r) => r.expected === false).map((r) => `${r.submission} #${r.item} (${r.expect}: ${r.scores.join(', ')})`),
    undecided: mine.reduce((n, r) => n + r.statuses.filter((s) => s === 'undecided').length, 0),
    verdicts: mine.reduce((n, r) => n + r.statuses.length, 0),
    medianSeconds: seconds[Math.floor((seconds.length - 1) / 2)] ?? 0,
    maxSeconds: seconds[seconds.length - 1] ?? 0,
  };
}

function stricter(provisional: string, final: string, rows: ItemRow[]): StricterSummary {
  const finals = new Map(rows.filter((r) => r.profile === final).map((r) => [`${r.submission} #${r.item}`, r]));
  const out: StricterSummary = { provisional, final, pairs: 0, stricter: [], sameScore: 0 };
  for (const p of rows.filter((r) => r.profile === provisional)) {
    const f = finals.get(`${p.submission} #${p.item}`);
    if (!f) continue;
    const common = p.seeds.filter((s) => f.seeds.includes(s));
    if (common.length === 0) continue;
    out.pairs += 1;
    const score = (r: ItemRow, seed: number) => r.scores[r.seeds.indexOf(seed)]!;
    if (common.some((s) => score(p, s) < score(f, s))) out.stricter.push(`${p.submission} #${p.item}`);
    if (common.every((s) => score(p, s) === score(f, s))) out.sameScore += 1;
  }
  return out;
}
