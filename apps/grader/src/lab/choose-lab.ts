import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfigText } from '@fitcheck/core';
import { parse } from 'yaml';
import { FlagError } from '../cli/flag-error.js';
import { text, type Text } from '../messages/text.js';
import { findSubmissionFile, submissionGlob } from '../submission/find-submission.js';
import { readSubmissionFile } from '../submission/submission-file.js';
import { LABS_DIR } from './paths.js';

/** A lab folder under `grading/labs` as the chooser sees it: its id, the submission file names it reads and its `lang`. */
export interface LabChoice {
  id: string;
  files: string[];
  lang?: string;
}

// Only the `lab:` key is read here; the chosen lab's schema validates the whole file afterwards.
const ANY_OBJECT = { type: 'object' } as const;

/**
 * The labs of `grading/labs`, by folder name, with the submission file names each reads. Only
 * `submission.files` is read (without validation: `loadLab` validates the chosen lab in full), so a
 * lab another instructor is still writing never stops another lab's grade.
 */
export async function listLabs(labsDir: string = LABS_DIR): Promise<LabChoice[]> {
  let names: string[];
  try {
    names = (await readdir(labsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
  const labs: LabChoice[] = [];
  for (const id of names) {
    try {
      const doc = parse(await readFile(join(labsDir, id, 'lab.yaml'), 'utf8')) as { submission?: { files?: unknown }; lang?: unknown } | null;
      const files = doc?.submission?.files;
      labs.push({ id, files: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [], ...(typeof doc?.lang === 'string' && { lang: doc.lang }) });
    } catch {
      labs.push({ id, files: [] });
    }
  }
  return labs;
}

export interface ChooseLabOptions {
  /** `--lab`: a lab id or the path of a lab folder; when given, nothing else is read. */
  lab?: string | undefined;
  /** A submission folder whose file says `lab: <id>`. */
  dir?: string | undefined;
  /** Where the submission file lies in `dir` (`--glob`). */
  glob?: string | undefined;
  labsDir?: string;
}

/**
 * Which lab grades a submission: `--lab` when given; else the `lab:` key of the submission file
 * found in `dir` (any lab's file names, at any depth, as `grade` finds them); else the lab whose
 * file names it matched; else, when `grading/labs` holds a single lab, that one (a student's
 * repository made by `fitcheck template` holds only theirs).
 * @throws FlagError `LAB_NOT_CHOSEN` when none of these says (several labs, nothing to tell them apart).
 */
export async function chooseLab(options: ChooseLabOptions): Promise<string> {
  if (options.lab !== undefined) return options.lab;
  const labs = await listLabs(options.labsDir);
  const named = options.dir === undefined ? undefined : await labOfFolder(options.dir, labs, options.glob);
  if (named !== undefined) return named;
  return onlyLab(labs, options.dir === undefined ? text('choose.noSubmission') : text('choose.submissionSilent', { dir: options.dir }));
}

/**
 * The lab of a batch: `--lab`, else the one lab the submissions of ROOT's student folders name
 * (each read as {@link chooseLab} reads one), else the only lab of `grading/labs`.
 * @throws FlagError `LAB_NOT_CHOSEN` when the folders name several labs, or none and several exist.
 */
export async function chooseBatchLab(options: { lab?: string | undefined; root: string; glob?: string | undefined; labsDir?: string }): Promise<string> {
  if (options.lab !== undefined) return options.lab;
  const labs = await listLabs(options.labsDir);
  let folders: string[] = [];
  try {
    folders = (await readdir(options.root, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  } catch {
    // A ROOT that cannot be read: the batch says so itself, naming it.
  }
  const named = new Set<string>();
  for (const folder of folders) {
    const lab = await labOfFolder(join(options.root, folder), labs, options.glob);
    if (lab !== undefined) named.add(lab);
  }
  if (named.size === 1) return [...named][0]!;
  if (named.size > 1) {
    throw new FlagError('LAB_NOT_CHOSEN', text('choose.severalLabs', { root: options.root, labs: [...named].sort().join(', ') }), text('choose.oneLabPerBatch'));
  }
  return onlyLab(labs, text('choose.batchSilent', { root: options.root }));
}

// A FlagError: the operator's to say (`--lab`), in the reader's language.
function onlyLab(labs: readonly LabChoice[], why: Text): string {
  if (labs.length === 1) return labs[0]!.id;
  const ids = labs.map((l) => l.id).join(', ');
  throw new FlagError('LAB_NOT_CHOSEN', text('choose.whichLab', { why }), labs.length === 0 ? text('choose.passLabPath') : text('choose.passLabOneOf', { ids }));
}

/**
 * The lab a submission folder's file names: its `lab:` key when that is a lab of `labs`, else the
 * one lab whose file names matched; undefined when no file is found or it could be several.
 */
async function labOfFolder(dir: string, labs: readonly LabChoice[], glob: string | undefined): Promise<string | undefined> {
  const files = [...new Set(labs.flatMap((l) => l.files))];
  if (files.length === 0) return undefined;
  let root: string;
  let name: string;
  try {
    root = await realpath(dir);
    const search = await findSubmissionFile(root, files, { glob: glob ?? submissionGlob(files) });
    // Files in several folders are the student's to choose between (the grade says so), but their names may still tell the lab.
    if ('ambiguous' in search) return labOfNames(search.ambiguous, labs);
    if (search.found === undefined) return undefined;
    name = search.found;
  } catch {
    return undefined;
  }
  // Read as `grade` reads it: a regular file inside the folder, at most 1 MiB. One that cannot be read
  // (a FIFO, a link, UTF-16, too large) still names its lab by its file name: its grade says what is wrong.
  const text = await readSubmissionFile(root, name).catch(() => undefined);
  const declared = text === undefined ? undefined : (loadConfigText(text, join(dir, name), ANY_OBJECT).value as { lab?: unknown } | undefined)?.lab;
  if (typeof declared === 'string' && labs.some((l) => l.id === declared)) return declared;
  return labOfNames([name], labs);
}

/** The one lab whose submission file names include every one of `paths`' file names; undefined when none or several. */
function labOfNames(paths: readonly string[], labs: readonly LabChoice[]): string | undefined {
  const bases = paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
  const matching = labs.filter((l) => bases.every((b) => l.files.includes(b)));
  return matching.length === 1 ? matching[0]!.id : undefined;
}
