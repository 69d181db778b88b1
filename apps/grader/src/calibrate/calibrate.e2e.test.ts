import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLab } from '../lab/load-lab.js';
import { corpusDir, loadCorpus, type CorpusEntry } from './corpus.js';
import { gradeRuns } from './grade-runs.js';
import { summarizeCalibration } from './summarize.js';

// `pnpm calibrate` in miniature for each lab, as CI can afford it: the smoke profile (a short
// provisional run), two seeds, through the real CLI, on the fewest submissions that hold a clear pass
// and a clear fail of every autograded item. Their clear cases must score the same on both seeds and as the corpus says;
// the benchmark (`pnpm calibrate`) measures the whole corpus on the check and ci profiles.
const out = await mkdtemp(join(tmpdir(), 'fitcheck-calibrate-'));
afterAll(() => rm(out, { recursive: true, force: true }));

/** Greedily, the submissions that together hold every (item, pass/fail) the corpus has. */
function clearCover(corpus: readonly CorpusEntry[]): CorpusEntry[] {
  const clear = (e: CorpusEntry) => Object.entries(e.expect).filter(([, k]) => k !== 'borderline').map(([item, k]) => `${item}:${k}`);
  const left = new Set(corpus.flatMap(clear));
  const chosen: CorpusEntry[] = [];
  while (left.size > 0) {
    const gain = (e: CorpusEntry) => clear(e).filter((c) => left.has(c)).length;
    const best = [...corpus].sort((a, b) => gain(b) - gain(a) || a.name.localeCompare(b.name))[0]!;
    chosen.push(best);
    for (const c of clear(best)) left.delete(c);
  }
  return chosen;
}

// Each lab's corpus (lab.yaml's `submission.calibration`), its autograded items and how many submissions it holds at least.
describe.each([
  { lab: 'lab5', items: ['1', '5', '6', '7', '8', '9', '10'], submissions: 16 },
  { lab: 'lab6', items: ['1', '2.1', '2.2', '3', '4', '5', '6'], submissions: 5 },
])('$lab: the calibration corpus on the smoke profile, two seeds', async ({ lab, items, submissions }) => {
  const corpus = await loadCorpus(corpusDir(await loadLab(lab)));
  const cover = clearCover(corpus);
  const plan = cover.flatMap((entry) => [1, 2].map((seed) => ({ entry, profile: 'smoke', seed })));
  const runs = await gradeRuns(plan, { out: join(out, lab), jobs: 2, threads: 1 });
  const summary = summarizeCalibration(corpus, runs, new Set(['smoke']));
  const clear = summary.rows.filter((r) => r.expected !== null);

  it(`holds at least ${submissions} submissions with a clear pass, a clear fail and a borderline case for every autograded item`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(submissions);
    for (const item of items) {
      for (const kind of ['pass', 'fail', 'borderline'] as const) {
        expect(corpus.some((e) => e.expect[item] === kind), `item ${item} has a ${kind} case`).toBe(true);
      }
    }
  });

  it('grades every clear case the same on both seeds', () => {
    expect(cover.length).toBeLessThan(corpus.length);
    expect(clear.filter((r) => !r.agree).map((r) => `${r.submission} #${r.item}: ${r.scores.join(', ')}`)).toEqual([]);
    expect(summary.profiles[0]).toMatchObject({ profile: 'smoke', submissions: cover.length, seeds: 2 });
    expect(summary.profiles[0]!.clearAgreeing).toBe(summary.profiles[0]!.clearPairs);
  });

  it('scores every clear case as the corpus expects: full points for a pass, points lost (or undecided, in a short run) for a fail', () => {
    expect(clear.filter((r) => !r.expected).map((r) => `${r.submission} #${r.item} (${r.expect}): ${r.scores.join(', ')} ${r.statuses.join(', ')}`)).toEqual([]);
  });
});
