import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { RESULTS_FILE } from '../batch/batch-entry.js';
import { gradeAndReport } from '../cli/grade-and-report.js';
import { faultOf, type Fault, type FaultWords } from '../errors.js';
import { chooseLab } from '../lab/choose-lab.js';
import { loadLab } from '../lab/load-lab.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { Lab } from '../lab/types.js';
import { GRADER_VERSION } from '../lab/version.js';
import { faultWordsIn, faultWordsOf } from '../messages/fault-words.js';
import { loadMessages, type Lang } from '../messages/locale.js';
import { sayer, text, type Params } from '../messages/text.js';
import { courseLang } from '../cli/cli-lang.js';
import { prepareOut, writeFileAtomic } from '../out/write-out.js';
import { faultResults, forGradescope, type ResultsMeta } from '../results/gradescope.js';
import { usableCpus } from './cpus.js';
import { METADATA_FILE, readSubmissionMetadata } from './metadata.js';
import { readPackConfig, type PackConfig } from './pack-config.js';
import { REFERENCES_DIR } from './build.js';
import { issueLine } from '../messages/issue-line.js';

/** What `fitcheck gradescope run` is told; every path is under `root`, as Gradescope lays out `/autograder`. */
export interface AutograderOptions {
  /** `/autograder` on Gradescope; a temp folder laid out like it in tests. */
  root: string;
  /** Default: the lab `gradescope build` packed (`fitcheck-gradescope.json`), else the submission's `lab:` key (`chooseLab`). */
  lab?: string;
  profile?: string;
  /** The assignment's autograder timeout; default the pack's, else the lab's `gradescope.timeoutMinutes`, else 10. */
  timeoutMinutes?: number;
  stdout?: NodeJS.WritableStream;
}

/** Time kept back from the timeout: Node's start before this runs, and writing results.json at the end. */
const RESERVE_S = 30;
/** Time kept back from the grade for its report, once the last model has trained. */
const REPORT_S = 45;

/**
 * `run_autograder`'s work, for one submission, in a folder laid out like Gradescope's `/autograder`:
 * finds the submission file anywhere under `ROOT/submission` (an upload or a GitHub repository:
 * `loadSubmission`'s search and safe reads), takes the student's identity from
 * `ROOT/submission_metadata.json`, sets `FITCHECK_THREADS` from the CPUs the container may use, and
 * grades it here — one process beside the training child, so that both fit Gradescope's 768 MB —
 * into `ROOT/results/results.json`, always: a grade that could not be computed (a lab problem, a
 * crash, the time running out) leaves a results.json that says so, with no score presented as a
 * grade. Before the assignment's timeout, further seeds stop being trained (`--deadline`); if the
 * grade still runs when only the reserve is left, a watchdog writes a not-graded results.json and
 * ends the process (its training child ends with it). What the grade prints goes to `stdout`
 * (Gradescope shows it to the TA).
 */
export async function runAutograder(options: AutograderOptions): Promise<{ resultsPath: string; status: string }> {
  const started = Date.now();
  const out = options.stdout ?? process.stdout;
  // In the lab's language once it is read; before that (a lab that cannot be read), the course's.
  let lang: Lang = await courseLang();
  const say = (key: string, params: Params): void => void out.write(`fitcheck gradescope: ${sayer(loadMessages(lang))(key, params)}\n`);
  const resultsDir = join(options.root, 'results');
  await prepareOut(resultsDir);
  const resultsPath = join(resultsDir, RESULTS_FILE);
  let meta: ResultsMeta = { lab: options.lab ?? 'unknown', profile: options.profile ?? 'gradescope', seed: 0, version: GRADER_VERSION, seconds: 0, backend: null };
  const notGraded = async (fault: Fault, words?: FaultWords): Promise<{ resultsPath: string; status: string }> => {
    const results = faultResults(fault, { ...meta, seconds: (Date.now() - started) / 1000 }, loadMessages(lang), words);
    await writeFileAtomic(resultsPath, `${JSON.stringify(forGradescope(results), null, 2)}\n`);
    say('cli.gradescopeNotGraded', { owner: { key: `owner.${fault.owner}` }, code: fault.code, message: faultWordsIn(loadMessages(lang), words)?.message ?? fault.message.split('\n')[0] ?? '', path: resultsPath });
    return { resultsPath, status: 'error' };
  };

  let lab: Lab;
  let pack: PackConfig | undefined;
  try {
    pack = await readPackConfig(REPO_ROOT);
    lab = await loadLab(await chooseLab({ lab: options.lab ?? pack?.lab, dir: join(options.root, 'submission') }));
  } catch (e) {
    // The lab shipped in the autograder is wrong: the instructor's to fix, never the student's score.
    return notGraded(faultOf(e), faultWordsOf(loadMessages(lang), e));
  }
  lang = lab.definition.lang ?? 'en';
  const profile = options.profile ?? pack?.profile ?? lab.definition.gradescope?.profile ?? 'gradescope';
  const timeoutMinutes = options.timeoutMinutes ?? pack?.timeoutMinutes ?? lab.definition.gradescope?.timeoutMinutes ?? 10;
  const pdf = pack?.pdf ?? lab.definition.gradescope?.pdf ?? false;
  const { visibility: tests, stdoutVisibility: stdout } = lab.rubric;
  meta = { ...meta, lab: lab.definition.id, profile, visibility: { ...(tests && { tests }), ...(stdout && { stdout }) } };

  if (process.env.FITCHECK_THREADS === undefined) process.env.FITCHECK_THREADS = String(await usableCpus());
  const metadata = await readSubmissionMetadata(join(options.root, METADATA_FILE));
  if (metadata.problem) say('cli.gradescopeStudent', { problem: issueLine(metadata.problem, loadMessages(lang)) });

  const into = await mkdtemp(join(tmpdir(), 'fitcheck-autograder-'));
  const budget = timeoutMinutes * 60 - RESERVE_S - (Date.now() - started) / 1000;
  say('cli.gradescopeGrading', { dir: join(options.root, 'submission'), lab: lab.definition.id, profile, threads: process.env.FITCHECK_THREADS ?? '', seconds: Math.round(budget) });
  // The last resort: Gradescope would kill the container at the timeout and show nothing.
  const watchdog = setTimeout(() => {
    void notGraded({
      code: 'GRADER_TIMEOUT', owner: 'environment',
      message: `the grade took longer than the ${Math.round(budget)} s this ${timeoutMinutes}-minute autograder leaves it, and was stopped`,
      hint: 'the TA grades it again, with a larger profile or a longer timeout (README: Deploy on Gradescope)',
    }, { message: text('fault.graderTimeout', { seconds: Math.round(budget), minutes: timeoutMinutes }), hint: text('fault.graderTimeoutHint') }).finally(() => process.exit(0));
  }, budget * 1000);
  try {
    const sink = new Writable({ write: (chunk: Buffer | string, _encoding, done) => { out.write(chunk); done(); } });
    try {
      await gradeAndReport({
        dir: join(options.root, 'submission'), out: into, lab: options.lab ?? pack?.lab ?? lab.definition.id, profile, report: true, pdf,
        deadlineSeconds: Math.max(1, budget - REPORT_S), stdout: sink, stderr: sink,
        // The reference runs the TA shipped (`gradescope build --cache`); on a deadline none is trained here.
        cache: join(REPO_ROOT, REFERENCES_DIR),
        ...(metadata.identity && { student: metadata.identity }),
      });
    } catch (e) {
      // An invalid submission or a fault that stopped the grade: its results.json is written already.
      if (!existsSync(join(into, RESULTS_FILE))) return await notGraded(faultOf(e));
    }
    await writeFileAtomic(resultsPath, await readFile(join(into, RESULTS_FILE), 'utf8'));
    if (pdf && existsSync(join(into, 'report.pdf'))) await writeFileAtomic(join(resultsDir, 'report.pdf'), await readFile(join(into, 'report.pdf')));
    const { extra_data: { status } } = JSON.parse(await readFile(resultsPath, 'utf8')) as { extra_data: { status: string } };
    say('cli.gradescopeDone', { status: { key: `class.status_${status}` }, path: resultsPath });
    return { resultsPath, status };
  } finally {
    clearTimeout(watchdog);
    await rm(into, { recursive: true, force: true });
  }
}
