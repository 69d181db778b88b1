import { join } from 'node:path';
import { prepareOut, writeFileAtomic } from '../out/write-out.js';
import { forGradescope } from './gradescope.js';
import type { GradescopeResults } from './gradescope.js';

/** Writes `OUT/results.json` atomically (temp file + rename): a reader never sees half a file; its outputs escaped for Gradescope. */
export async function writeResults(out: string, results: GradescopeResults): Promise<string> {
  await prepareOut(out);
  const path = join(out, 'results.json');
  await writeFileAtomic(path, `${JSON.stringify(forGradescope(results), null, 2)}\n`);
  return path;
}
