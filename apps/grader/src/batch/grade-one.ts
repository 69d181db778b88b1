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
import type { StudentIdentity } from '../submission/identity.js';
import { faultOf, GRADER_ERRORS } from '../errors.js';
import { exitCodeOf } from '../run/grade-submission.js';
import { isFitcheckError } from '@fitcheck/core';
import { gradeAndReport } from '../cli/grade-and-report.js';
import type { LabDefinition } from '../lab/types.js';
import { faultResults, forGradescope, type GradescopeResults, type ResultsMeta } from '../results/gradescope.js';
import { GRADER_VERSION } from '../lab/version.js';
import { loadMessages, translate, type Lang } from '../messages/locale.js';
import { errorLine } from '../messages/error-line.js';
import { commandLang } from '../cli/cli-lang.js';
import { renderText, text } from '../messages/text.js';
import { loadSubmission } from '../submission/load-submission.js';
import { digestResults } from './results-digest.js';

/** The CLI this package builds; the same path from src/batch and dist/batch. */
export const GRADER_BIN: string = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** One submission to grade: a folder, its key, and who submitted it when the course says (else the submission's own `student:`). */
export interface GradedSubmission {
  folder: string;
  key: string;
  dir: string;
  identity?: StudentIdentity;
  submittedId?: string;
  submittedName?: string;
}

/** Flags passed through to `fitcheck grade`. */
export interface GradeFlags {
  profile?: string;
  seed?: number;
  overrides?: string;
  /** Where the submission file lies in the folder (`--glob`). */
  glob?: string;
  /** Write the report's PDF too (`--pdf`). */
  pdf?: boolean;
  /** Seconds the grade may take before it stops asking for further seeds (`--deadline`). */
  deadlineSeconds?: number;
  /** The reference-run cache every grade of the class reads (`--cache`). */
  cache?: string;
  /** Language of results.json and the reports (`--lang`; default the lab's). */
  lang?: Lang;
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
  /** The lab as `fitcheck grade --lab` names it (an id or a folder), when it is not the default. */
  labRef?: string;
  /** More environment for the grading child (`FITCHECK_BACKEND`, …). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Grades one submission in its own process (`node dist/bin.js grade DIR --out INTO`), so a
 * submission that crashes the grader or exhausts memory costs only its own result. Whatever the
 * child does, INTO ends with a `results.json` (the child's, or one saying why there is none),
 * the child's output in `grade.log`, and `batch-entry.json` written last.
 */
export async function gradeOne(submission: GradedSubmission, options: GradeOneOptions): Promise<BatchEntry> {
  const started = performance.now();
  await mkdir(options.into, { recursive: true });
  const invalid = options.lab !== undefined && (await loadSubmission(submission.dir, options.lab, options.glob === undefined ? {} : { glob: options.glob })).errors.length > 0;
  const { exitCode, signal, timedOut, lingered } = invalid ? await gradeHere(submission, options) : await runChild(submission, options);
  const entry: BatchEntry = {
    folder: submission.folder,
    key: submission.key,
    studentId: submission.identity?.id ?? submission.submittedId ?? null,
    studentName: submission.identity?.name ?? submission.submittedName ?? null,
    identity: submission.identity?.source ?? 'submission',
    submittedId: submission.submittedId ?? null,
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
    const meta: CrashMeta = {
      seconds: (performance.now() - started) / 1000,
      ...(options.lab && { lab: options.lab.id }),
      ...(options.profile !== undefined && { profile: options.profile }),
      ...(options.seed !== undefined && { seed: options.seed }),
    };
    await writeFileAtomic(resultsPath, `${JSON.stringify(crashResults(entry, timedOut, options.timeoutMs, log, meta), null, 2)}\n`);
    entry.status = 'error';
  } else {
    // The grader's own verdict (a graded run with a failed item is `error`) wins over its exit code.
    const stated = digestResults(results).status;
    if (stated === 'graded' || stated === 'invalid' || stated === 'error') entry.status = stated;
  }
  await writeFileAtomic(join(options.into, ENTRY_FILE), `${JSON.stringify(entry, null, 2)}\n`);
  return entry;
}

/**
 * `fitcheck grade` arguments for one submission: who it is (the course's identity), the flags, and
 * the folder last, after `--`, so a folder named `--help` is a folder.
 */
export function gradeArgs(submission: Pick<GradedSubmission, 'dir' | 'identity'>, out: string, flags: GradeFlags & { labRef?: string }): string[] {
  const args = ['grade', '--out', out, ...(submission.identity ? identityArgs(submission.identity) : [])];
  if (flags.labRef !== undefined) args.push('--lab', flags.labRef);
  if (flags.profile !== undefined) args.push('--profile', flags.profile);
  if (flags.seed !== undefined) args.push('--seed', String(flags.seed));
  if (flags.overrides !== undefined) args.push('--overrides', flags.overrides);
  if (flags.glob !== undefined) args.push('--glob', flags.glob);
  if (flags.pdf) args.push('--pdf');
  if (flags.cache !== undefined) args.push('--cache', flags.cache);
  if (flags.lang !== undefined) args.push('--lang', flags.lang);
  if (flags.deadlineSeconds !== undefined) args.push('--deadline', String(Math.floor(flags.deadlineSeconds)));
  return [...args, '--', submission.dir];
}

/**
 * `--student-id=ID --identity=SOURCE …`: the identity as `fitcheck grade` takes it (`identityFlag`
 * reads it back). Each value is joined to its flag by `=`, so an id that is a flag itself (a
 * folder named `--help`) stays a value.
 */
export function identityArgs(identity: StudentIdentity): string[] {
  return [
    `--student-id=${identity.id}`, `--identity=${identity.source}`,
    ...(identity.name === null ? [] : [`--student-name=${identity.name}`]),
    ...(identity.sid === undefined ? [] : [`--student-sid=${identity.sid}`]),
    ...(identity.email === undefined ? [] : [`--student-email=${identity.email}`]),
  ];
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
async function runChild(submission: GradedSubmission, options: GradeOneOptions): Promise<ChildEnd> {
  const log = await open(join(options.into, LOG_FILE), 'w');
  const resultsPath = join(options.into, RESULTS_FILE);
  try {
    return await new Promise((resolve, reject) => {
      // Same process group as the batch: killing the batch's group stops its children too.
      const child = spawn(process.execPath, [options.bin ?? GRADER_BIN, ...gradeArgs(submission, options.into, options)], {
        stdio: ['ignore', log.fd, log.fd],
        env: {
          ...(options.threads === undefined ? {} : { FITCHECK_THREADS: String(options.threads) }),
          ...process.env,
          ...options.env,
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
async function gradeHere(submission: GradedSubmission, options: GradeOneOptions): Promise<ChildEnd> {
  const messages = loadMessages(await commandLang({ lang: options.lang, lab: options.labRef, dir: submission.dir }));
  const said: string[] = [`${translate(messages, 'cli.batchGradedHere')}\n`];
  const sink = new Writable({ write: (chunk: Buffer | string, _encoding, done) => { said.push(String(chunk)); done(); } });
  let exitCode = 0;
  try {
    await gradeAndReport({
      dir: submission.dir, out: options.into, report: true, stdout: sink, stderr: sink,
      ...(submission.identity && { student: submission.identity }),
      ...(options.labRef !== undefined && { lab: options.labRef }),
      ...(options.profile !== undefined && { profile: options.profile }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.overrides !== undefined && { overrides: options.overrides }),
      ...(options.glob !== undefined && { glob: options.glob }),
      ...(options.pdf !== undefined && { pdf: options.pdf }),
      ...(options.deadlineSeconds !== undefined && { deadlineSeconds: options.deadlineSeconds }),
      ...(options.cache !== undefined && { cache: options.cache }),
      ...(options.lang !== undefined && { lang: options.lang }),
    });
  } catch (e) {
    said.push(`fitcheck: ${isFitcheckError(e) ? errorLine(e, messages) : e instanceof Error ? e.message : String(e)}\n`);
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
 * A Gradescope `results.json` for a submission the grader could not finish, as `faultResults`
 * writes every grade that could not be computed: not graded (no tests, score 0 only because
 * Gradescope needs a number), the fault, why, and the last lines of the grader's log (escaped for
 * Gradescope's text like every output by `forGradescope`).
 */
export function crashResults(entry: BatchEntry, timedOut: boolean, timeoutMs: number, log: string, meta: CrashMeta = {}): GradescopeResults {
  const minutes = Math.round((timeoutMs / 60_000) * 10) / 10;
  const how = timedOut
    ? text('fault.batchTimeout', { minutes })
    : entry.signal !== null
      ? text('fault.batchKilled', { signal: entry.signal })
      : text('fault.batchExited', { code: entry.exitCode ?? '?' });
  // The log may be shown in a PR comment: colours off.
  const tail = stripVTControlCharacters(log).trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
  const code = timedOut ? 'GRADER_TIMEOUT' : 'GRADER_CRASHED';
  const said = tail ? text('fault.withLog', { how, tail }) : how;
  // The fault in English, as every fault in extra_data; the output the student reads in the grade's language.
  const fault = { code, owner: GRADER_ERRORS[code], message: renderText(loadMessages('en'), said) };
  const results = forGradescope(faultResults(fault, {
    lab: meta.lab ?? 'unknown', profile: meta.profile ?? 'unknown', seed: meta.seed ?? 0, version: GRADER_VERSION, seconds: meta.seconds ?? 0, backend: null,
    ...(meta.visibility && { visibility: meta.visibility }),
  }, loadMessages(meta.lang ?? 'en'), { message: said }));
  const student = { id: entry.studentId, name: entry.studentName, source: entry.identity ?? null, submittedId: entry.submittedId ?? null };
  return { ...results, extra_data: { ...results.extra_data, errors: [renderText(loadMessages(meta.lang ?? 'en'), how)], student } };
}

/** What `crashResults` says of the run it stands for, when the caller knows it. */
export interface CrashMeta extends Partial<Pick<ResultsMeta, 'lab' | 'profile' | 'seed' | 'seconds' | 'visibility'>> {
  lang?: Lang;
}
