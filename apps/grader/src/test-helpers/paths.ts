import { join } from 'node:path';
import { REPO_ROOT } from '../lab/paths.js';

/** `fixtures/submissions/<name>`, the sample submissions the tests and the demo grade. */
export function submissionFixture(name: string): string {
  return join(REPO_ROOT, 'fixtures', 'submissions', name);
}
