import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../out/write-out.js';
import { ENTRY_FILE, LOG_FILE, RESULTS_FILE, statusOfExit } from './batch-entry.js';
import type { BatchEntry } from './batch-entry.js';
import type { SubmissionEntry } from './discover.js';
import { faultOf, GRADER_ERRORS } from '../errors.js';
import { exitCodeOf } from '../run/grade-submission.js';
import { isFitcheckError } from '@fitcheck/core';
import { gradeAndReport } from '../cli/grade-and-report.js';
import type { LabDefinition } from '../lab/types.js';
import { gradescopeText } from '../results/gradescope.js';
import { loadSubmission } from '../submission/load-submission.js';
import { digestResults } from './results-digest.js';

/** The CLI this package builds; the same path from src/batch and dist/batch. */
export const GRADER_BIN: string = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** Flags passed through to `fitcheck grade`. */
export interface GradeFlags {
  profile?: string;
  seed?: number;
  overrides?: string;
}

export interface GradeOneOptions extends GradeFlags {
  /** The folder the child writes into; the caller renames it into OUT when this returns. */
  into: string;
  timeoutMs: number;
  bin?: string;
  /** FITCHECK_THREADS for the child, unless the batch's own environment sets it. */
  threads?: number;
  /** The lab, to validate the submission here first: an invalid one is graded in this process, with no child. */
  lab?: LabDefinition;
}

/**
 * Grades one submission in its own process (`node dist/bin.js grade DIR --out INTO`), so a
 * submission that crashes the grader or exhausts memory costs only its own result. Whatever the
 * child does, INTO ends with a `results.json` (the child's, or one saying why there is none),
 * the child's output in `grade.log`, and `batch-entry.json` written last.
 */
export async function gradeOne(submission: SubmissionEntry, options: GradeOneOptions): Promise<BatchEntry> {
  await mkdir(options.into, { recursive: true });
  const invalid = options.lab !== undefined && (await loadSubmission(submission.dir, options.lab)).errors.length > 0;
  const { exitCode, signal, timedOut, lingered } = invalid ? await gradeHere(submission.dir, options) : await runChild(submission.dir, options);
  const entry: BatchEntry = {
    folder: submission.folder,
    key: submission.key,
    studentId: submission.studentId ?? null,
    studentName: submission.studentName ?? null,
    status: timedOut ? 'error' : statusOfExit(exitCode),
    exitCode,
    signal,
  };
  const resultsPath = join(options.into, RESULTS_FILE);
  if (lingered) {
    await appendFile(join(options.into, LOG_FILE), `\nfitcheck batch: the grader wrote results.json but had not exited ${LINGER_MS / 1000} s later; stopped it.\n`);
  }
  const results = await readJsonObject(resultsPath);
  if (results === undefined || timedOut || (signal !== null && !lingered)) {
    const log = await readFile(join(options.into, LOG_FILE), 'utf8').catch(() => '');
    await writeFileAtomic(resultsPath, `${JSON.stringify(crashResults(entry, timedOut, options.timeoutMs, log), null, 2)}\n`);
    entry.status = 'error';
  } else {
    // The grader's own verdict (a graded run with a failed item is `error`) wins over its exit code.
    const stated = digestResults(results).status;
    if (stated === 'graded' || stated === 'invalid' || stated === 'error') entry.status = stated;
  }
  await writeFileAtomic(join(options.into, ENTRY_FILE), `${JSON.stringify(entry, null, 2)}\n`);
  return entry;
}

/** `fitcheck grade` arguments for one submission: the folder last, after `--`, so a folder named `--help` is a folder. */
export function gradeArgs(dir: string, out: string, flags: GradeFlags): string[] {
  const args = ['grade', '--out', out];
  if (flags.profile !== undefined) args.push('--profile', flags.profile);
  if (flags.seed !== undefined) args.push('--seed', String(flags.seed));
  if (flags.overrides !== undefined) args.push('--overrides', flags.overrides);
  return [...args, '--', dir];
}

/** How long a child may live on after writing results.json (atomically, so it is complete). */
export const LINGER_MS = 20_000;
const POLL_MS = 500;

interface ChildEnd {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** It wrote its results but did not exit within {@link LINGER_MS}, and was stopped. */
  lingered: boolean;
}

// A grader that finishes but never exits (a live worker thread or handle keeps Node running)
// would otherwise hold a job slot until the timeout, for every submission of the class.
async function runChild(dir: string, options: GradeOneOptions): Promise<ChildEnd> {
  const log = await open(join(options.into, LOG_FILE), 'w');
  const resultsPath = join(options.into, RESULTS_FILE);
  try {
    return await new Promise((resolve, reject) => {
      // Same process group as the batch: killing the batch's group stops its children too.
      const child = spawn(process.execPath, [options.bin ?? GRADER_BIN, ...gradeArgs(dir, options.into, options)], {
        stdio: ['ignore', log.fd, log.fd],
        env: {
          ...(options.threads === undefined ? {} : { FITCHECK_THREADS: String(options.threads) }),
          ...process.env,
          FITCHECK_BATCH: '1',
        },
      });
      let timedOut = false;
      let lingered = false;
      let lingerTimer: NodeJS.Timeout | undefined;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs);
      const poll = setInterval(() => {
        if (lingerTimer !== undefined || !existsSync(resultsPath)) return;
        lingerTimer = setTimeout(() => {
          lingered = true;
          child.kill('SIGKILL');
        }, LINGER_MS);
      }, POLL_MS);
      const stop = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        clearTimeout(lingerTimer);
      };
      child.once('error', (e) => {
        stop();
        reject(e);
      });
      child.once('exit', (exitCode, signal) => {
        stop();
        resolve({ exitCode, signal, timedOut, lingered });
      });
    });
  } finally {
    await log.close();
  }
}

/**
 * `fitcheck grade` run in this process, for a submission that validation already found invalid:
 * nothing trains, so it needs no child of its own (a Node start and a grader load each, for a
 * class of empty folders). It writes what the child would — results.json, the report, its output
 * in grade.log — and ends as the child would have.
 */
async function gradeHere(dir: string, options: GradeOneOptions): Promise<ChildEnd> {
  const said: string[] = ['fitcheck batch: the submission is invalid; graded in the batch process, without a grading child.\n'];
  const sink = new Writable({ write: (chunk: Buffer | string, _encoding, done) => { said.push(String(chunk)); done(); } });
  let exitCode = 0;
  try {
    await gradeAndReport({
      dir, out: options.into, report: true, stdout: sink, stderr: sink,
      ...(options.profile !== undefined && { profile: options.profile }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.overrides !== undefined && { overrides: options.overrides }),
    });
  } catch (e) {
    said.push(`fitcheck: ${isFitcheckError(e) ? e.describe() : e instanceof Error ? e.message : String(e)}\n`);
    // The exit code the binary's catch gives: by the fault's owner (`exitCodeOf`).
    exitCode = exitCodeOf(faultOf(e).owner);
  }
  await writeFile(join(options.into, LOG_FILE), said.join(''));
  return { exitCode, signal: null, timedOut: false, lingered: false };
}

async function readJsonObject(path: string): Promise<object | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const LOG_TAIL_LINES = 20;

/**
 * A Gradescope `results.json` for a submission the grader could not finish: not graded (no tests,
 * score 0 only because Gradescope needs a number), the fault and why, as `faultResults` writes it.
 */
export function crashResults(entry: BatchEntry, timedOut: boolean, timeoutMs: number, log: string): Record<string, unknown> {
  const how = timedOut
    ? `took longer than ${Math.round(timeoutMs / 60_000)} min and was stopped`
    : entry.signal !== null
      ? `was killed by ${entry.signal}`
      : `exited with code ${entry.exitCode} without writing results`;
  // The log may be shown in a PR comment: colours off.
  const tail = stripVTControlCharacters(log).trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
  const code = timedOut ? 'GRADER_TIMEOUT' : 'GRADER_CRASHED';
  return {
    score: 0,
    max_score: 0,
    // The log may quote the submission: Gradescope text, like every output.
    output: gradescopeText(`NOT GRADED — this is not a score of 0. The grader ${how}: that is not your work's fault; a TA will grade this submission again.${tail ? `\n\nLast lines of its log:\n${tail}` : ''}`),
    tests: [],
    extra_data: {
      student: { id: entry.studentId, name: entry.studentName },
      status: 'error',
      fault: { code, owner: GRADER_ERRORS[code], message: `the grader ${how}` },
      findings: [],
    },
  };
}
