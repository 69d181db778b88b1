import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LABS_DIR } from '../lab/paths.js';

/**
 * A copy of lab5 in a temporary folder with one edit to one of its files (an instructor's typo),
 * and `at(word)`: the `line:col` of a word of the edited text, where an issue should point.
 */
export async function editedLab5(file: 'lab.yaml' | 'rubric.yaml', from: string, to: string): Promise<{ dir: string; at: (word: string) => string }> {
  const dir = join(await mkdtemp(join(tmpdir(), 'fitcheck-labs-')), 'lab5');
  await mkdir(dir);
  let edited = '';
  for (const name of ['lab.yaml', 'rubric.yaml']) {
    const text = await readFile(join(LABS_DIR, 'lab5', name), 'utf8');
    if (name === file && !text.includes(from)) throw new Error(`${name} has no "${from}"`);
    if (name === file) edited = text.replace(from, to);
    await writeFile(join(dir, name), name === file ? edited : text);
  }
  const at = (word: string): string => {
    const before = edited.slice(0, edited.indexOf(to) + to.indexOf(word)).split('\n');
    return `${before.length}:${before[before.length - 1]!.length + 1}`;
  };
  return { dir, at };
}
