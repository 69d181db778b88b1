import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZipFile } from 'yazl';
import { GraderError } from '../errors.js';
import { listEntries } from '../references/reference-entry.js';
import { loadLab } from '../lab/load-lab.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { Lab } from '../lab/types.js';
import { GRADER_VERSION } from '../lab/version.js';
import { prepareOut, writeFileAtomic } from '../out/write-out.js';
import { PACK_CONFIG_FILE, type PackConfig } from './pack-config.js';
import { text } from '../messages/text.js';

/** `apps/grader/templates/gradescope`: setup.sh and run_autograder, copied into every autograder as they are. */
const SCRIPTS_DIR = fileURLToPath(new URL('../../templates/gradescope/', import.meta.url));
/** The workspace packages fitcheck runs from, with the files each publishes (its package.json `files`). */
const PACKAGES = ['packages/core', 'packages/datasets', 'apps/grader'];
/** The workspace's own files that `pnpm install --frozen-lockfile` needs. */
const WORKSPACE_FILES = ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', '.npmrc'];
/** Where the shipped reference runs lie in the zip (and under `/autograder/source`): `gradescope run`'s cache. */
export const REFERENCES_DIR = 'references';

/** Every entry's date: the same inputs give the same zip, byte for byte. */
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));

export interface BuildOptions {
  /** A lab id (`grading/labs/<id>`) or the path of a lab folder. */
  lab: string;
  /** Default: the lab's `gradescope.profile`, else `gradescope`. */
  profile?: string;
  /** The assignment's autograder timeout in minutes; default the lab's `gradescope.timeoutMinutes`, else 10. */
  timeoutMinutes?: number;
  /** The zip to write. */
  out: string;
  /** A reference-run cache: its runs of this lab and profile go into the zip (`references/`), so graders never train them. */
  cache?: string;
}

export interface BuiltAutograder {
  zip: string;
  /** Every path in the zip, in order. */
  entries: string[];
  bytes: number;
  config: PackConfig;
}

/**
 * Writes the zip Gradescope's "Configure Autograder" takes: at its root `setup.sh` and
 * `run_autograder` (executable), `fitcheck-gradescope.json` (the lab, profile, timeout and PDF
 * choice `gradescope run` reads), and fitcheck itself laid out as this repository is — the
 * workspace's package.json, pnpm-workspace.yaml and pnpm-lock.yaml (so setup.sh installs exactly
 * the locked production dependencies), each package's published files (built `dist/`, schemas,
 * templates, locales), the lab's folder under `grading/labs/`, and every data file the lab names,
 * the TA-only ones included (the hidden HIGGS rows), and with `cache` the lab's reference runs at
 * this profile (`references/`). Entries are sorted and dated alike, so the
 * same inputs give the same bytes.
 * @throws GraderError `INVALID_FLAG` for a profile the lab lacks, `INVALID_LAB` for a data file that is not there.
 */
export async function buildAutograder(options: BuildOptions): Promise<BuiltAutograder> {
  const lab = await loadLab(options.lab);
  const profile = options.profile ?? lab.definition.gradescope?.profile ?? 'gradescope';
  if (!(profile in lab.definition.profiles)) {
    const values = Object.keys(lab.definition.profiles).join(', ');
    throw new GraderError('INVALID_FLAG', text('errLab.gsNoSuchProfile', { profile, lab: lab.definition.id }), {}, text('cli.usageOneOf', { values }));
  }
  const timeoutMinutes = options.timeoutMinutes ?? lab.definition.gradescope?.timeoutMinutes ?? 10;
  const config: PackConfig = { lab: lab.definition.id, profile, timeoutMinutes, pdf: lab.definition.gradescope?.pdf ?? false, version: GRADER_VERSION };

  const files = new Map<string, string | Buffer>();
  for (const name of ['setup.sh', 'run_autograder']) files.set(name, join(SCRIPTS_DIR, name));
  files.set(PACK_CONFIG_FILE, Buffer.from(`${JSON.stringify(config, null, 2)}\n`));
  for (const name of WORKSPACE_FILES) if (existsSync(join(REPO_ROOT, name))) files.set(name, join(REPO_ROOT, name));
  for (const pkg of PACKAGES) {
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, pkg, 'package.json'), 'utf8')) as { files?: string[] };
    files.set(`${pkg}/package.json`, join(REPO_ROOT, pkg, 'package.json'));
    for (const published of manifest.files ?? []) await addTree(files, join(REPO_ROOT, pkg, published), `${pkg}/${published}`);
  }
  const labDir = `grading/labs/${lab.definition.id}`;
  for (const name of await readdir(lab.dir)) await addTree(files, join(lab.dir, name), `${labDir}/${name}`);
  for (const path of labDataPaths(lab)) {
    const from = isAbsolute(path) ? path : join(REPO_ROOT, path);
    if (!existsSync(from)) throw new GraderError('INVALID_LAB', text('errLab.gsDataMissing', { path }), { file: join(lab.dir, 'lab.yaml') }, text('errLab.gsDataMissingBuildHint'));
    await addTree(files, from, relative(REPO_ROOT, resolve(from)));
  }

  if (options.cache !== undefined) {
    for (const entry of await listEntries(options.cache)) {
      if (entry.key.lab === lab.definition.id && entry.key.profile === profile) files.set(`${REFERENCES_DIR}/${entry.name}`, entry.file);
    }
  }

  const entries = [...files.keys()].sort();
  await prepareOut(dirname(resolve(options.out)));
  const zip = new ZipFile();
  for (const name of entries) {
    const source = files.get(name)!;
    const mode = name === 'setup.sh' || name === 'run_autograder' ? 0o100755 : 0o100644;
    const entry = { mtime: ZIP_DATE, mode };
    if (typeof source === 'string') zip.addFile(source, name, entry);
    else zip.addBuffer(source, name, entry);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  // Like every file fitcheck writes: a temp file renamed into place, never through a link.
  await writeFileAtomic(options.out, bytes);
  return { zip: options.out, entries, bytes: bytes.length, config };
}

/** Every data path the lab names, relative to the repository root (or absolute): files, holdouts and folders. */
export function labDataPaths(lab: Lab): string[] {
  return Object.values(lab.definition.datasets).flatMap((d) => [d.file, d.holdout, d.dir].filter((p): p is string => p !== undefined));
}

/** A file, or every file under a folder (no links followed, no hidden files, no tests), at `as` in the zip. */
async function addTree(files: Map<string, string | Buffer>, from: string, as: string): Promise<void> {
  const info = await stat(from).catch(() => undefined);
  if (!info) return;
  if (info.isFile()) {
    if (!/\.test\.(js|d\.ts)(\.map)?$/.test(as)) files.set(as, from);
    return;
  }
  if (!info.isDirectory()) return;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
    await addTree(files, join(from, entry.name), `${as}/${entry.name}`);
  }
}
