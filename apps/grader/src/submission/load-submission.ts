import { realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadConfigText, readIssue } from '@fitcheck/core';
import type { ConfigIssue, IssueParams, ModelSpec, OptimizerSpec } from '@fitcheck/core';
import { graderSchema } from '../lab/schemas.js';
import type { LabDefinition } from '../lab/types.js';
import { optimizerIssues } from './optimizer-issues.js';
import { issueAt } from './place.js';
import type { ModelPlace } from './place.js';
import { resolveKeras } from './resolve-keras.js';
import { findSubmissionFile, MAX_SEARCH_DEPTH, submissionGlob } from './find-submission.js';
import { readSubmissionFile } from './submission-file.js';
import type { DatasetSection, Submission, SubmittedModel } from './types.js';

/** A student model as the grader will build it, or why it cannot be. */
export interface ResolvedModel {
  spec: ModelSpec;
  from: 'layers' | 'keras';
  /** The input shape a Keras document declares, when it declares one. */
  declaredInputShape?: number[];
  /** Where its `layers:` list is written (that form only), so a finding can point into it. */
  written?: Pick<ModelPlace, 'file' | 'text' | 'pointer'>;
  /** The optimizer the submission trains it with, when it names one. */
  optimizer?: OptimizerSpec;
}

export interface LoadedSubmission {
  /** The submission file as named in messages (`DIR/<file>`), when one was found. */
  file?: string;
  /** The submission file's text, once read: findings point into it (`placeFinding`). */
  text?: string;
  submission?: Submission;
  /** One entry per student model key of the lab (`cats.large`); null = left as a ToDo. */
  models: Record<string, ResolvedModel | null>;
  /** Problems that make the submission invalid (each with file, line, column). */
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

export interface SubmissionOptions {
  /** Where the submission file may be, relative to `dir` (default: the lab's names at any depth, e.g. `**\/x.{yaml,yml,json}`). */
  glob?: string;
}

/**
 * Finds the lab's submission file anywhere under `dir` (any of its `submission.files`, the
 * shallowest: `findSubmissionFile`), validates it against the lab's submission schema and resolves
 * every model (layers, or a Keras `model.to_json()` inline or in a file beside it, inside `dir`).
 * Never throws for a bad submission: problems come back as `errors`, positioned as `file:line:col`.
 */
export async function loadSubmission(dir: string, lab: LabDefinition, options: SubmissionOptions = {}): Promise<LoadedSubmission> {
  // `params.code` names the cause, so the grader says it in the reader's language (locale `issue.code.<code>`).
  const fail = (message: string, params: IssueParams, file = dir): LoadedSubmission => ({
    models: {}, errors: [{ keyword: 'read', instancePath: '', message, file, line: 1, column: 1, params }], warnings: [],
  });
  let root: string;
  try {
    root = await realpath(dir);
    const first = lab.submission.files[0] ?? '';
    if (!(await stat(root)).isDirectory()) return fail(`not a folder: a submission is a folder holding ${first}`, { code: 'NOT_A_FOLDER', file: first });
  } catch {
    return fail(`no submission folder at ${dir}`, { code: 'NO_FOLDER', dir });
  }
  const glob = options.glob ?? submissionGlob(lab.submission.files);
  const search = await findSubmissionFile(root, lab.submission.files, { glob });
  if (search.found === undefined) {
    if ('ambiguous' in search) {
      const files = search.ambiguous.join(', ');
      return fail(`more than one submission file, in different folders: ${files}; keep one (the others renamed or removed)`, { code: 'SEVERAL_FILES', files });
    }
    const where = search.truncated ? 'before the search gave up (the folder holds too many files)' : `up to ${MAX_SEARCH_DEPTH} folders deep`;
    const files = lab.submission.files.join(' / ');
    return fail(`no ${files} in ${dir} (looked for ${glob}, ${where})`, { code: 'NO_FILE', files, dir, glob });
  }
  const name = search.found;
  const file = join(dir, name);
  // Like every file a submission names: a regular file inside the folder (a link to /dev/stdin, a FIFO, another student's file are refused).
  let text: string;
  try {
    text = await readSubmissionFile(root, name);
  } catch (e) {
    return { file, models: {}, errors: [readIssue(e, file)], warnings: [] };
  }

  const loaded = loadConfigText(text, file, graderSchema(lab.submission.schema));
  if (loaded.errors.length > 0) return { file, models: {}, errors: loaded.errors, warnings: loaded.warnings };
  const submission = toSubmission(loaded.value as Record<string, unknown>, lab);

  const models: Record<string, ResolvedModel | null> = {};
  const errors: ConfigIssue[] = [];
  for (const [key, { dataset }] of Object.entries(lab.studentModels)) {
    const [, modelName = ''] = key.split('.');
    const section = submission.sections[dataset];
    const submitted = section?.models[modelName] ?? null;
    if (submitted === null) {
      models[key] = null;
      continue;
    }
    const inputShape = section?.preprocess?.reshape ?? lab.datasets[dataset]?.inputShape ?? [];
    const place = { root, base: dirname(join(root, name)), file, text, pointer: `/${dataset}/models/${modelName}` };
    const resolved = await resolveModel(submitted, inputShape, place);
    errors.push(...resolved.issues, ...optimizerIssues(submitted.optimizer, place));
    models[key] = resolved.model ? { ...resolved.model, ...(submitted.optimizer !== undefined && { optimizer: submitted.optimizer }) } : null;
  }
  return { file, text, submission, models, errors, warnings: loaded.warnings };
}


async function resolveModel(
  submitted: SubmittedModel,
  inputShape: number[],
  place: ModelPlace,
): Promise<{ model?: ResolvedModel; issues: ConfigIssue[] }> {
  const name = submitted.name === undefined ? {} : { name: submitted.name };
  if (submitted.layers !== undefined && submitted.keras !== undefined) {
    return { issues: [issueAt(place, `${place.pointer}/keras`, 'give a model either as layers or as keras, not both', 'model', { code: 'MODEL_BOTH' })] };
  }
  if (submitted.layers === undefined && submitted.keras === undefined) {
    return { issues: [issueAt(place, place.pointer, 'a model needs layers: [...] or keras: (a model.to_json() document)', 'model', { code: 'MODEL_NEITHER' })] };
  }
  if (submitted.layers !== undefined) {
    const written = { file: place.file, text: place.text, pointer: `${place.pointer}/layers` };
    return { model: { spec: { inputShape, layers: submitted.layers, ...name }, from: 'layers', written }, issues: [] };
  }
  const imported = await resolveKeras(submitted.keras ?? '', { ...place, pointer: `${place.pointer}/keras` });
  if (!imported.model) return { issues: imported.issues };
  const { layers, inputShape: declared } = imported.model;
  const spec: ModelSpec = { inputShape, layers, ...(submitted.name ?? imported.model.name ? { name: submitted.name ?? imported.model.name } : {}) };
  return { model: { spec, from: 'keras', ...(declared ? { declaredInputShape: declared } : {}) }, issues: imported.issues };
}

/** The validated document as sections keyed by the lab's datasets. */
function toSubmission(doc: Record<string, unknown>, lab: LabDefinition): Submission {
  const sections: Record<string, DatasetSection> = {};
  for (const dataset of Object.keys(lab.datasets)) {
    const section = doc[dataset] as DatasetSection | undefined;
    if (section) sections[dataset] = section;
  }
  return {
    lab: String(doc.lab),
    student: doc.student as Submission['student'],
    answers: (doc.answers ?? {}) as Submission['answers'],
    sections,
  };
}
