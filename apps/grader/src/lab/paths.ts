import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same depth from src/lab and dist/lab: apps/grader/{src,dist}/lab → the repository root.
const built = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');

/** The nearest folder from `start` up that holds `grading/labs`: a student repository made by `fitcheck template`. */
export function findProjectRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'grading', 'labs'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The repository root; the lab's dataset paths are relative to it. The repository fitcheck was
 * built in, or unpacked as a Gradescope autograder — both hold `grading/labs` beside its `apps/`.
 * Installed as a package instead (a student repository made by `fitcheck template`, with fitcheck
 * under node_modules), it is the nearest folder from the working directory up that holds
 * `grading/labs`. The package's own repository comes first: a grader run from inside a student's
 * clone never takes that student's lab for the course's.
 */
export const REPO_ROOT: string = existsSync(join(built, 'grading', 'labs')) ? built : (findProjectRoot(process.cwd()) ?? built);
/** `apps/grader/schemas`: the JSON Schemas the grader publishes. */
export const SCHEMAS_DIR: string = fileURLToPath(new URL('../../schemas', import.meta.url));
/** `grading/labs`: one folder per lab. */
export const LABS_DIR: string = `${REPO_ROOT}/grading/labs`;
