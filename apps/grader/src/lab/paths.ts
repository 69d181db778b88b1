import { fileURLToPath } from 'node:url';

// The same depth from src/lab and dist/lab: apps/grader/{src,dist}/lab → the repository root.
const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** The repository root; the lab's dataset paths are relative to it. */
export const REPO_ROOT: string = root.replace(/\/$/, '');
/** `apps/grader/schemas`: the JSON Schemas the grader publishes. */
export const SCHEMAS_DIR: string = fileURLToPath(new URL('../../schemas', import.meta.url));
/** `grading/labs`: one folder per lab. */
export const LABS_DIR: string = `${REPO_ROOT}/grading/labs`;
