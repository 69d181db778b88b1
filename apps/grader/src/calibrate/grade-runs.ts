import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradescopeResults } from '../results/gradescope.js';
import { GRADER_VERSION } from '../lab/version.js';
import type { CorpusEntry } from './corpus.js';

/** The built CLI: calibration grades exactly as a TA does. */
const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** One grade of the calibration: a submission, a profile, a seed. */
export interface GradeRun {
  submission: string;
  profile: string;
  seed: number;
  results: GradescopeResults;
}

export interface GradeRunsOptions {
  /** Where each grade's OUT folder goes (`<profile>/<submission>/seed-<k>`); kept, so a rerun resumes. */
  out: string;
  /** Grades at a time (each gets ⌊cores / jobs⌋ threads through `batch`'s rule: FITCHECK_THREADS). */
  jobs: number;
  threads?: number;
  /** Keep the results an earlier, interrupted calibration left in `out` (same fitcheck version) instead of grading again. */
  resume?: boolean;
  onGrade?: (run: GradeRun, reused: boolean) => void;
}

/**
 * Grades every (submission, profile, seed) with the real CLI (`fitcheck grade DIR --profile P --seed S`),
 * `jobs` at a time, and returns the results. With `resume`, a grade whose results.json already holds
 * a graded run of the same fitcheck version is reused, so an interrupted calibration goes on where it stopped.
 */
export async function gradeRuns(plan: { entry: CorpusEntry; profile: string; seed: number }[], options: GradeRunsOptions): Promise<GradeRun[]> {
  const runs: GradeRun[] = new Array(plan.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < plan.length; i = next++) {
      const { entry, profile, seed } = plan[i]!;
      const out = join(options.out, profile, entry.name, `seed-${seed}`);
      let results = options.resume ? await reusable(out) : undefined;
      const reused = results !== undefined;
      if (!results) {
        await rm(out, { recursive: true, force: true });
        await mkdir(out, { recursive: true });
        await grade(entry.dir, out, profile, seed, options.threads);
        results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as GradescopeResults;
      }
      runs[i] = { submission: entry.name, profile, seed, results };
      options.onGrade?.(runs[i]!, reused);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  return runs;
}

async function reusable(out: string): Promise<GradescopeResults | undefined> {
  try {
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as GradescopeResults;
    return results.extra_data.grader.version === GRADER_VERSION && results.extra_data.status === 'graded' ? results : undefined;
  } catch {
    return undefined;
  }
}

/** `fitcheck grade` in a child process; its exit code is read from results.json's status instead. */
function grade(dir: string, out: string, profile: string, seed: number, threads: number | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(threads !== undefined ? { FITCHECK_THREADS: String(threads) } : {}) };
    const child = spawn(process.execPath, [BIN, 'grade', dir, '--out', out, '--profile', profile, '--seed', String(seed), '--lang', 'en'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 || code === 2 ? resolve() : reject(new Error(`fitcheck grade ${dir} --profile ${profile} --seed ${seed} exited ${code}: ${stderr}`))));
  });
}
