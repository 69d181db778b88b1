import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import { GraderError } from '../errors.js';
import { loadLab } from '../lab/load-lab.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { Lab } from '../lab/types.js';
import { prepareOut, writeFileAtomic } from '../out/write-out.js';
import { text } from '../messages/text.js';

const run = promisify(execFile);
const STUDENT_DIR = fileURLToPath(new URL('../../templates/student/', import.meta.url));
/** The packages a student repository installs from its vendor/ folder, fitcheck's CLI last. */
const PACKAGES = [['@fitcheck/core', 'packages/core'], ['@fitcheck/datasets', 'packages/datasets'], ['@fitcheck/grader', 'apps/grader']] as const;
/** Where the schemas are once `@fitcheck/grader` is installed, from the repository's root. */
const INSTALLED_SCHEMAS = 'node_modules/@fitcheck/grader/schemas/';

export interface TemplateOptions {
  /** A lab id (`grading/labs/<id>`) or the path of a lab folder. */
  lab: string;
  /** A new or empty folder: the repository students receive. */
  out: string;
}

/**
 * Writes the repository students receive for a lab, without what only TAs have: the starter
 * submission (`submission/<name>`, its `$schema` pointing into the installed grader), the lab's
 * public data, the lab without its TA-only parts (profiles marked `taOnly`, datasets' `taOnly`
 * files, rubric items marked `taOnly`, the `gradescope` section), the student workflow
 * (`.github/workflows/fitcheck.yml`) and the Dependabot config that keeps its pinned actions current, a README for students, and fitcheck itself as tarballs in
 * `vendor/` (`pnpm pack` of the workspace's packages) that its package.json installs — so
 * `pnpm install && pnpm check` works there as it does here, with no registry holding fitcheck —
 * and the lockfile its workflow installs from. Returns the files written (relative to `out`).
 * @throws GraderError `INVALID_FLAG` when `out` is not empty.
 */
export async function writeTemplate(options: TemplateOptions): Promise<string[]> {
  const lab = await loadLab(options.lab);
  const out = options.out;
  if (existsSync(out) && (await readdir(out)).length > 0) {
    throw new GraderError('INVALID_FLAG', text('errLab.templateNotEmpty', { out }), { file: out }, text('errLab.templateNotEmptyHint'));
  }
  await prepareOut(out);
  const written: string[] = [];
  const write = async (path: string, data: string | Buffer): Promise<void> => {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFileAtomic(join(out, path), data);
    written.push(path);
  };
  const copy = async (from: string, to: string): Promise<void> => {
    await mkdir(dirname(join(out, to)), { recursive: true });
    await copyFile(from, join(out, to));
    written.push(to);
  };

  // fitcheck, packed as npm would publish it (`workspace:*` becomes the version).
  const vendor = join(out, 'vendor');
  await mkdir(vendor);
  const tarballs: Record<string, string> = {};
  for (const [name, dir] of PACKAGES) {
    const before = new Set(await readdir(vendor));
    await run('pnpm', ['pack', '--pack-destination', vendor], { cwd: join(REPO_ROOT, dir) });
    const tarball = (await readdir(vendor)).find((f) => !before.has(f));
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${name}`);
    tarballs[name] = `file:vendor/${tarball}`;
    written.push(`vendor/${tarball}`);
  }
  const rootManifest = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager?: string; engines?: Record<string, string> };
  await write('package.json', `${JSON.stringify({
    name: `${lab.definition.id}-submission`, private: true, type: 'module',
    ...(rootManifest.packageManager && { packageManager: rootManifest.packageManager }),
    ...(rootManifest.engines && { engines: rootManifest.engines }),
    scripts: { check: 'fitcheck check', fitcheck: 'fitcheck' },
    devDependencies: { '@fitcheck/grader': tarballs['@fitcheck/grader'] },
  }, null, 2)}\n`);
  const workspace = parseDocument(await readFile(join(REPO_ROOT, 'pnpm-workspace.yaml'), 'utf8')).toJS() as { allowBuilds?: unknown };
  await write('pnpm-workspace.yaml', [
    "# fitcheck comes from vendor/ (tarballs of the course's grader), its own packages included.",
    stringify({ overrides: { '@fitcheck/core': tarballs['@fitcheck/core'], '@fitcheck/datasets': tarballs['@fitcheck/datasets'] }, allowBuilds: workspace.allowBuilds ?? {} }),
  ].join('\n'));
  await write('.gitignore', 'node_modules/\nout/\n');

  // The lab without its TA-only parts, and its public data.
  const labDir = `grading/labs/${lab.definition.id}`;
  await write(`${labDir}/lab.yaml`, withInstalledSchema(publicLab(await readFile(join(lab.dir, 'lab.yaml'), 'utf8'), lab), 3));
  await write(`${labDir}/rubric.yaml`, withInstalledSchema(publicRubric(await readFile(join(lab.dir, 'rubric.yaml'), 'utf8')), 3));
  // A submission schema of the lab's own (loadLab made its path absolute) goes with it; one of the grader's is installed with it.
  const schema = lab.definition.submission.schema;
  if (isAbsolute(schema)) await copyFile(schema, join(out, labDir, basename(schema)));
  for (const path of publicDataPaths(lab)) {
    const from = isAbsolute(path) ? path : join(REPO_ROOT, path);
    const files = (await stat(from)).isDirectory() ? (await readdir(from)).sort().map((f) => join(from, f)) : [from];
    for (const file of files) await copy(file, relative(REPO_ROOT, file));
  }

  // The starter submission, the workflow, the README.
  const starter = lab.definition.submission.starter;
  const file = starter === undefined ? lab.definition.submission.files[0]! : basename(starter);
  if (starter !== undefined) await write(`submission/${file}`, withInstalledSchema(await readFile(join(REPO_ROOT, starter), 'utf8'), 1));
  await copy(join(REPO_ROOT, 'grading', 'ci', 'student.yml'), '.github/workflows/fitcheck.yml');
  await copy(join(STUDENT_DIR, 'dependabot.yml'), '.github/dependabot.yml');
  const pnpm = rootManifest.packageManager?.replace(/^pnpm@/, '') ?? 'latest';
  const readme = (await readFile(join(STUDENT_DIR, 'README.md'), 'utf8'))
    .replaceAll('{{title}}', lab.definition.translations?.[lab.definition.lang ?? 'en']?.title ?? lab.definition.title)
    .replaceAll('{{file}}', file)
    .replaceAll('{{pnpm}}', pnpm);
  await write('README.md', readme);

  // The lockfile the workflow installs from (`--frozen-lockfile`): started from this repository's, so
  // students get the versions the course tested (and pnpm's store here already has them).
  await copyFile(join(REPO_ROOT, 'pnpm-lock.yaml'), join(out, 'pnpm-lock.yaml'));
  const lock = (mode: string) => run('pnpm', ['install', '--lockfile-only', mode, '--ignore-scripts'], { cwd: out, env: { ...process.env, CI: 'true' } });
  await lock('--offline').catch(() => lock('--prefer-offline'));
  written.push('pnpm-lock.yaml');
  return written.sort();
}

/** Every data path students get: each dataset's files but those it marks `taOnly`. */
export function publicDataPaths(lab: Lab): string[] {
  return Object.values(lab.definition.datasets).flatMap((d) => (['file', 'holdout', 'dir'] as const)
    .filter((k) => d[k] !== undefined && !(d.taOnly ?? []).includes(k))
    .map((k) => d[k]!));
}

/** lab.yaml without what only TAs have, its comments kept: TA-only profiles and files, the reference solution and calibration corpus, the Gradescope packing. */
function publicLab(text: string, lab: Lab): string {
  const doc = parseDocument(text);
  for (const [name, profile] of Object.entries(lab.definition.profiles)) if (profile.taOnly) doc.deleteIn(['profiles', name]);
  for (const [name, dataset] of Object.entries(lab.definition.datasets)) {
    for (const key of dataset.taOnly ?? []) doc.deleteIn(['datasets', name, key]);
    doc.deleteIn(['datasets', name, 'taOnly']);
  }
  doc.delete('gradescope');
  // The reference solution and the calibration corpus are the TA's: `fitcheck demo` and `pnpm calibrate` read them where they are.
  doc.deleteIn(['submission', 'reference']);
  doc.deleteIn(['submission', 'calibration']);
  return doc.toString();
}

/** rubric.yaml without its TA-only items. */
function publicRubric(text: string): string {
  const doc = parseDocument(text);
  const items = doc.get('items') as { items: { get(key: string): unknown }[] } | undefined;
  if (items) items.items = items.items.filter((item) => item.get('taOnly') !== true);
  return doc.toString();
}

/** A file's `yaml-language-server: $schema=` pointing at `apps/grader/schemas/`, pointed at the installed grader's instead (`depth` folders below the root). */
function withInstalledSchema(text: string, depth: number): string {
  return text.replace(/(\$schema=)(?:\.\.\/)+apps\/grader\/schemas\//, `$1${'../'.repeat(depth)}${INSTALLED_SCHEMAS}`);
}
