import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { backendEnvironment } from '@fitcheck/core';
import { chooseBatchLab } from '../lab/choose-lab.js';
import { loadLab } from '../lab/load-lab.js';
import { defaultCacheDir } from '../references/cache-dir.js';
import { referenceRuns } from '../references/reference-runs.js';
import { referenceModels } from '../report/groups.js';
import type { RunListener } from '../run/events.js';
import type { LabDefinition } from '../lab/types.js';
import { prepareOut, syncDir } from '../out/write-out.js';
import { acquireBatchLock } from './batch-lock.js';
import { WORK_DIR } from './batch-entry.js';
import type { BatchEntry } from './batch-entry.js';
import { writeClassReports } from './class-reports.js';
import { finishedKeys, readClassRows } from './class-rows.js';
import type { ClassRow } from './class-rows.js';
import { discoverSubmissions } from './discover.js';
import { readRoster } from './roster.js';
import { printClassReports } from './class-pdfs.js';
import type { FitcheckError } from '@fitcheck/core';
import type { SubmissionEntry } from './discover.js';
import { gradeOne } from './grade-one.js';
import type { GradeFlags } from './grade-one.js';
import { boundJobs, threadsPerJob } from './jobs.js';
import { forEachLimited } from './pool.js';
import { writeManifest } from './manifest.js';
import { inShard } from './shard.js';
import type { Shard } from './shard.js';

const DEFAULT_TIMEOUT_MS = 120 * 60_000;

export interface BatchOptions extends GradeFlags {
  root: string;
  out: string;
  /** The TA's roster CSV (`login,id,name`): who each folder is. */
  roster?: string;
  /** Submissions graded at once; bounded by cores and free memory. Default 1. */
  jobs?: number;
  shard?: Shard;
  /** Per submission; a child still running then is killed and scored as a grader error. */
  timeoutMs?: number;
  lab?: string;
  /** The CLI to spawn (default: this package's dist/bin.js). */
  bin?: string;
  onGraded?: (entry: BatchEntry, done: number, of: number) => void;
  /** Progress of the reference runs, trained (or read) once before the students. */
  onEvent?: RunListener;
}

export interface BatchOutcome {
  /** This shard's submissions, in key order. */
  rows: ClassRow[];
  /** Keys graded by this run; the others of `rows` were finished by an earlier, interrupted run. */
  gradedNow: string[];
  jobs: number;
  /** With `pdf`: the reports printed, or why none could be (no browser: the HTML reports stand). */
  pdfs?: { printed: number; error?: FitcheckError<string> };
}

/**
 * Grades ROOT's submissions (or one shard of them) into OUT/<key>/, each in its own child
 * process, then writes OUT/gradebook.csv and OUT/summary.md. Holds OUT's lock throughout.
 * Resumable: a student folder appears in OUT only by an atomic rename of a complete folder, so
 * after a SIGKILL the next run skips the finished ones and grades the rest; the gradebook is
 * made from the folders alone, so it equals the one an uninterrupted run writes.
 */
export async function runBatch(options: BatchOptions): Promise<BatchOutcome> {
  // Checked here, once: a FITCHECK_* variable that every child would trip on is the machine's error (exit 1), not each student's.
  backendEnvironment();
  const labRef = await chooseBatchLab({ lab: options.lab, root: options.root, glob: options.glob });
  const lab = (await loadLab(labRef)).definition;
  // Read before anything is written: a broken roster stops the batch with its line, not half a class.
  const roster = options.roster === undefined ? undefined : await readRoster(options.roster);
  await prepareOut(options.out);
  const release = await acquireBatchLock(options.out);
  try {
    const all = await discoverSubmissions(options.root, lab, { ...(options.glob !== undefined && { glob: options.glob }), ...(roster && { roster }) });
    const mine = options.shard ? all.filter((s) => inShard(s.folder, options.shard as Shard)) : all;
    await writeManifest(options.out, { shard: options.shard ?? null, keys: mine.map((s) => s.key).sort() });
    const work = join(options.out, WORK_DIR);
    // Left by a killed run; its owner is dead (we hold the lock), so nothing writes there now.
    await rm(work, { recursive: true, force: true });
    // Every finished folder is read now, before any grading: a torn or edited one stops the batch here, naming it.
    await readClassRows(options.out);
    const finished = new Set(await finishedKeys(options.out));
    const todo = mine.filter((s) => !finished.has(s.key));
    const jobs = boundJobs(options.jobs ?? 1);
    // The lab's reference runs once for the class, before the students: every child then reads them from the cache.
    const cache = resolve(options.cache ?? defaultCacheDir());
    if (todo.length > 0) await classReferences(lab, cache, options);
    const gradedNow: string[] = [];
    let done = mine.length - todo.length;
    await forEachLimited(todo, jobs, async (submission) => {
      const entry = await gradeInto({ ...options, lab: labRef }, lab, submission, join(work, String(process.pid), submission.key), threadsPerJob(jobs), cache);
      gradedNow.push(entry.key);
      options.onGraded?.(entry, ++done, mine.length);
    });
    await rm(work, { recursive: true, force: true });
    const keys = new Set(mine.map((s) => s.key));
    const rows = (await readClassRows(options.out)).filter((r) => keys.has(r.entry.key));
    await writeClassReports(options.out, rows, options.lang);
    const pdfs = options.pdf ? await printClassReports(options.out, rows.map((r) => r.entry.key)) : undefined;
    return { rows, gradedNow: gradedNow.sort(), jobs, ...(pdfs && { pdfs }) };
  } finally {
    await release();
  }
}

/**
 * Trains (or reads) the lab's reference runs at the batch's profile and seed into `cache`. A
 * reference that cannot be trained is said and left out of the reports; the class is graded anyway.
 */
async function classReferences(lab: LabDefinition, cache: string, options: BatchOptions): Promise<void> {
  const profileName = options.profile ?? 'check';
  const profile = lab.profiles[profileName];
  // An unknown profile is each grade's error to report (results.json says it); a lab that draws no references needs none.
  const only = referenceModels(lab);
  if (!profile || only.length === 0) return;
  await referenceRuns(lab, { cache, only, profileName, profile, seed: options.seed ?? profile.seed, ...(options.onEvent && { onEvent: options.onEvent }) });
}

async function gradeInto(options: BatchOptions, lab: LabDefinition, submission: SubmissionEntry, temp: string, threads: number, cache: string):
  Promise<BatchEntry> {
  const entry = await gradeOne(submission, {
    into: temp,
    threads,
    lab,
    ...(options.lab !== undefined && { labRef: options.lab }),
    ...(options.glob !== undefined && { glob: options.glob }),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.bin !== undefined && { bin: options.bin }),
    ...(options.profile !== undefined && { profile: options.profile }),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.overrides !== undefined && { overrides: options.overrides }),
    ...(options.lang !== undefined && { lang: options.lang }),
    cache,
  });
  const target = join(options.out, submission.key);
  // A folder without batch-entry.json is not finished: replace it whole.
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
  await syncDir(options.out);
  return entry;
}
