import { backendEnvironment, isFitcheckError, type BackendName, type Owner } from '@fitcheck/core';
import type { RunFacts } from '../checks/facts.js';
import { runRubric } from '../checks/run-rubric.js';
import type { ItemResult } from '../checks/run-rubric.js';
import { debugLog } from '../debug/debug-log.js';
import type { ModelLimits } from '../isolation/protocol.js';
import { chooseLab } from '../lab/choose-lab.js';
import { loadLab } from '../lab/load-lab.js';
import type { Lab, Profile } from '../lab/types.js';
import { GRADER_VERSION } from '../lab/version.js';
import { errorLine } from '../messages/error-line.js';
import { faultWordsIn } from '../messages/fault-words.js';
import { loadMessages, translate, type Lang, type Messages } from '../messages/locale.js';
import { renderLines, renderText, text, type Line } from '../messages/text.js';
import { FlagError } from '../cli/flag-error.js';
import { faultResults, gradedResults, invalidResults, summaryLine } from '../results/gradescope.js';
import type { GradescopeResults, ResultsMeta } from '../results/gradescope.js';
import { applyOverrides, loadOverrides, type Override } from '../results/overrides.js';
import { writeResults } from '../results/write-results.js';
import { prepareOut } from '../out/write-out.js';
import { loadSubmission } from '../submission/load-submission.js';
import { declaredIdentity, identityFinding, type StudentIdentity } from '../submission/identity.js';
import { localizeFinding } from '../findings/finding.js';
import { placeFinding } from '../submission/place-finding.js';
import type { Submission } from '../submission/types.js';
import { defaultCacheDir } from '../references/cache-dir.js';
import { referenceRuns } from '../references/reference-runs.js';
import { referenceModels } from '../report/groups.js';
import { collectFacts, trainMoreSeeds } from './collect-facts.js';
import type { RunListener } from './events.js';
import { faultOf, GraderError, NotGradedError, type Fault, type FaultWords } from '../errors.js';

/**
 * Exit codes of `fitcheck grade`: 0 graded; 2 bad input — an invalid submission, or a lab, flag or
 * overrides problem (owner `lab`); 1 the grade could not be computed (owner `grader` or `environment`).
 */
export const GRADE_EXIT = { graded: 0, fault: 1, invalid: 2 } as const;

/** The exit code a fault's owner gives (`EXIT` in cli/main.ts): bad input is 2, the grader's or the machine's fault 1. */
export function exitCodeOf(owner: Owner): 0 | 1 | 2 {
  return owner === 'grader' || owner === 'environment' ? GRADE_EXIT.fault : GRADE_EXIT.invalid;
}

export interface GradeOptions {
  dir: string;
  out: string;
  /** `--lab`: a lab id or the path of a lab folder (default: the submission's `lab:` key, `chooseLab`). */
  lab?: string;
  profile?: string;
  /** Default: the profile's seed. */
  seed?: number;
  overrides?: string;
  /** Language of results.json's outputs and findings (default: the lab's `lang`, else English). */
  lang?: Lang;
  backend?: BackendName;
  onEvent?: RunListener;
  /** Replaces the profile's per-model training budgets. */
  limits?: Partial<ModelLimits>;
  /** Write stack traces and training-process output to `OUT/debug.log` (`--debug`). */
  debug?: boolean;
  /** Who submitted it, as the course says (batch, Gradescope); default: the submission's own `student:`. */
  student?: StudentIdentity;
  /** Where the submission file may be under `dir` (default: the lab's names at any depth). */
  glob?: string;
  /** Seconds the whole grade may take (`--deadline`): further seeds that would not fit are not trained. */
  deadlineSeconds?: number;
  /**
   * The reference-run cache (`--cache`; default `defaultCacheDir()`), or false for none: the lab's
   * models are then not in the report. With a deadline, a reference missing from the cache is not
   * trained (the report shows the cached ones): the grade's time is the student's.
   */
  cache?: string | false;
}

export interface GradeOutcome {
  results: GradescopeResults;
  resultsPath: string;
  exitCode: 0 | 1 | 2;
  items?: ItemResult[];
  facts?: RunFacts;
  /** The language results.json is written in. */
  lang: Lang;
  lab?: Lab;
  /** The TA overrides merged into the results (empty without `--overrides`). */
  overrides?: Override[];
  /** The results before the overrides (what `regrade` applies new overrides to). */
  baseResults?: GradescopeResults;
  /** What went wrong when the exit code is not 0, for the terminal. */
  problem?: string;
  /** Why the grade could not be computed (results status `error`). */
  fault?: Fault;
}

/**
 * Grades one submission folder and always writes `OUT/results.json` (Gradescope format), even
 * for an invalid submission (score 0, the validation errors as output), a grader fault or a bad
 * FITCHECK_* variable (status `error`: not the student's fault). Only an `--out` that cannot hold
 * it stops it first: `OUT_NOT_A_FOLDER` (a file), `OUT_NOT_WRITABLE` / `OUT_OF_SPACE` (the disk).
 */
export async function gradeSubmission(options: GradeOptions): Promise<GradeOutcome> {
  await prepareOut(options.out);
  const started = performance.now();
  const profileName = options.profile ?? 'check';
  const meta: ResultsMeta = { lab: options.lab ?? 'unknown', profile: profileName, seed: options.seed ?? 0, version: GRADER_VERSION, seconds: 0, backend: null };
  let lang: Lang = options.lang ?? 'en';
  let messages: Messages = loadMessages(lang);
  const debug = debugLog(options.out, options.debug ?? false);
  // Written once, after the try: a disk that fails here is the environment's error, not a grade to retry.
  const finish = async (results: GradescopeResults, exitCode: 0 | 1 | 2, extra: Partial<GradeOutcome> = {}): Promise<GradeOutcome> => {
    results.execution_time = Math.round((performance.now() - started) / 1000);
    await debug.flush();
    return { results, resultsPath: await writeResults(options.out, results), exitCode, lang, ...(lab ? { lab } : {}), ...extra };
  };

  let lab: Lab | undefined;
  let done: [GradescopeResults, 0 | 1 | 2, Partial<GradeOutcome>];
  try {
    lab = await loadLab(await chooseLab({ lab: options.lab, dir: options.dir, glob: options.glob }));
    meta.lab = lab.definition.id;
    meta.visibility = { ...(lab.rubric.visibility && { tests: lab.rubric.visibility }), ...(lab.rubric.stdoutVisibility && { stdout: lab.rubric.stdoutVisibility }) };
    if (lab.definition.leaderboard) meta.leaderboard = lab.definition.leaderboard;
    lang = options.lang ?? lab.definition.lang ?? 'en';
    messages = loadMessages(lang);
    const profile = pickProfile(lab, profileName);
    meta.seed = options.seed ?? profile.seed;
    // A FITCHECK_* variable training cannot use stops the grade before anything trains (never a slower backend).
    backendEnvironment();
    // Read overrides first: a broken overrides file should stop the run before any training.
    const overrides = options.overrides ? await loadOverrides(options.overrides) : [];
    const loaded = await loadSubmission(options.dir, lab.definition, options.glob === undefined ? {} : { glob: options.glob });
    if (loaded.file) meta.submissionFile = loaded.file;
    const identity = options.student ?? (loaded.submission ? declaredIdentity(loaded.submission) : undefined);
    if (identity) meta.student = studentOf(identity, loaded.submission);
    if (loaded.errors.length > 0 || !loaded.submission) {
      const results = invalidResults(lab.rubric, loaded.errors, { ...meta, seconds: 0 }, messages);
      done = [results, GRADE_EXIT.invalid, { problem: results.output }];
    } else {
      const collect = {
        profileName, profile, seed: meta.seed,
        ...(options.deadlineSeconds !== undefined && { deadline: Date.now() - (performance.now() - started) + options.deadlineSeconds * 1000 }),
        ...(options.backend ? { backend: options.backend } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        debug, lang,
      };
      const { facts, backend, plan } = await collectFacts(lab, loaded as typeof loaded & { submission: Submission }, collect);
      meta.backend = backend;
      let items = runRubric(lab.rubric, facts);
      // A close or failing verdict asks for the profile's other seeds; their majority decides (`decide`).
      const moreSeeds = [...new Set(items.flatMap((r) => r.outcome.moreSeeds ?? []))];
      if (moreSeeds.length > 0) {
        plan.push(...(await trainMoreSeeds(lab, facts, moreSeeds, collect)));
        items = runRubric(lab.rubric, facts);
      }
      // A check that threw is the grader's bug: the other items' scores are not a grade either.
      const broken = items.filter((r) => r.graderError !== undefined);
      if (broken.length > 0) {
        throw new NotGradedError({
          code: 'RUBRIC_CHECK_FAILED', owner: 'grader',
          message: broken.map((r) => `item ${r.item.number} (${r.item.check}): ${r.graderError}`).join('\n'),
        }, undefined, { message: text('fault.rubricCheckFailed', { items: broken.map((r) => `${r.item.number} (${r.item.check})`).join(', ') }) });
      }
      // Every finding points into the student's file, for annotations at its file:line:col.
      const submissionFile = { file: loaded.file ?? options.dir, text: loaded.text ?? '' };
      items = items.map((r) => ({ ...r, outcome: { ...r.outcome, findings: r.outcome.findings.map((f) => placeFinding(f, submissionFile)) } }));
      if (options.cache !== false) plan.push(...(await addReferences(lab, facts, profileName, profile, meta.seed, options)));
      // The output says what the run used, so a short profile's numbers are read as such.
      let results = gradedResults(items, Object.values(facts.models), meta, [summaryLine(items, messages), renderLines(messages, plan)].join('\n'), messages);
      const mismatch = identity && identityFinding(identity, loaded.submission.student);
      if (mismatch) results.extra_data.findings.push(localizeFinding(mismatch, messages));
      const baseResults = results;
      results = applyOverrides(results, overrides, options.overrides, messages);
      done = [results, GRADE_EXIT.graded, { items, facts, overrides, baseResults }];
    }
  } catch (e) {
    // Whose fault it is decides everything: a lab, flag or overrides problem is bad input (exit 2), the
    // grader's or the machine's (a FITCHECK_* variable, the disk) means the grade could not be computed
    // (exit 1); neither is scored.
    const fault = faultOf(e);
    debug.note(`grade not computed: ${fault.owner} ${fault.code}`, e instanceof Error ? (e.stack ?? fault.message) : fault.message);
    // "fix:" in the run's language (`pr.fix` is the label alone: "fix:", "como corrigir:").
    const fix = translate(messages, 'pr.fix').replace(/:$/, '');
    // A flag's mistake and a fault that carries its words are said in the run's language; other errors in their own.
    const words = faultWordsIn(messages, e instanceof NotGradedError ? e.words : isFitcheckError(e) && e.words?.message ? (e.words as FaultWords) : undefined);
    const problem = words && !isFitcheckError(e) ? `${renderText(messages, words.message)}${words.hint ? `\n  ${fix}: ${renderText(messages, words.hint)}` : ''}`
      : isFitcheckError(e) ? errorLine(e, messages) : `${fault.message}${fault.hint === undefined ? '' : `\n  ${fix}: ${fault.hint}`}`;
    // The student's own fault that stops the run is an invalid submission: scored (0), not "not graded".
    if (fault.owner === 'submission' && lab) {
      const issue = { keyword: fault.code, instancePath: '', message: problem, file: meta.submissionFile ?? options.dir, line: 1, column: 1 };
      done = [invalidResults(lab.rubric, [issue], meta, messages), GRADE_EXIT.invalid, { problem }];
    } else {
      done = [faultResults(fault, meta, messages, words), exitCodeOf(fault.owner), { problem, fault }];
    }
  }
  return finish(...done);
}

/**
 * The lab's reference runs for the report (the notebook's comparison), from the cache or trained
 * into it. They score nothing, so a cache that cannot be used costs the report its comparison,
 * never the grade: the lines returned say what is missing and why.
 */
async function addReferences(lab: Lab, facts: RunFacts, profileName: string, profile: Profile, seed: number, options: GradeOptions): Promise<Line[]> {
  const only = referenceModels(lab.definition);
  if (only.length === 0) return [];
  try {
    const { runs, failed } = await referenceRuns(lab.definition, {
      only,
      cache: typeof options.cache === 'string' ? options.cache : defaultCacheDir(),
      profileName, profile, seed,
      trainMissing: options.deadlineSeconds === undefined,
      ...(options.backend && { backend: options.backend }),
      ...(options.limits && { limits: options.limits }),
      ...(options.onEvent && { onEvent: options.onEvent }),
    });
    facts.references = runs;
    // One line per cause (a grade on a deadline without a shipped cache misses all eleven for one reason).
    const byCause = new Map<string, string[]>();
    for (const [model, e] of Object.entries(failed)) byCause.set(`${e.code}: ${e.message}`, [...(byCause.get(`${e.code}: ${e.message}`) ?? []), model]);
    return [...byCause].map(([cause, models]) => text('plan.referencesMissing', { models: models.join(', '), cause }));
  } catch (e) {
    return [text('plan.referencesUnavailable', { cause: isFitcheckError(e) ? e.describe() : e instanceof Error ? e.message : String(e) })];
  }
}

/** results.json's student: the course's identity, the name the submission gives when the course has none, and the id it declares. */
function studentOf(identity: StudentIdentity, submission: Submission | undefined): NonNullable<ResultsMeta['student']> {
  const declared = submission?.student.id;
  return {
    id: identity.id,
    name: identity.name ?? submission?.student.name ?? null,
    source: identity.source,
    ...(declared !== undefined && declared !== null && { submittedId: String(declared) }),
  };
}

function pickProfile(lab: Lab, name: string): Profile {
  const profile = lab.definition.profiles[name];
  if (!profile) {
    const names = Object.keys(lab.definition.profiles);
    throw new FlagError('INVALID_FLAG', text('cli.usageUnknownProfile', { name }), text('cli.usageOneOf', { values: names.join(', ') }));
  }
  return profile;
}

/**
 * Turns a non-zero outcome into the error the binary's one `catch` maps to its exit code by its owner
 * (citty drops a subcommand's return value): INVALID_SUBMISSION for an invalid submission (2), the
 * fault itself when the grade could not be computed (2 for the lab's, 1 for the grader's or the
 * machine's). results.json is already written either way.
 */
export function assertGraded(outcome: GradeOutcome): void {
  const messages = loadMessages(outcome.lang);
  const written = translate(messages, 'plan.resultsWritten', { path: outcome.resultsPath });
  if (outcome.fault) {
    // What the CLI prints, all in the run's language: whose fault, the code, the detail, where the results are.
    const said = `${translate(messages, 'cli.notGradedBecause', { owner: translate(messages, `owner.${outcome.fault.owner}`), code: outcome.fault.code })}: ${outcome.problem ?? outcome.fault.message}\n  ${written}`;
    throw new NotGradedError({ ...outcome.fault, message: outcome.problem ?? outcome.fault.message, hint: written }, said);
  }
  if (outcome.exitCode === GRADE_EXIT.invalid) {
    // No "fix:" line: the problems above are the fixes; the results' path is said in the run's language.
    throw new GraderError('INVALID_SUBMISSION', `${outcome.problem ?? 'the submission is invalid'}\n  ${written}`);
  }
}
