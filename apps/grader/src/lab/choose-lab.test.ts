import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseBatchLab, chooseLab, listLabs } from './choose-lab.js';

/** A `grading/labs` of two labs (only what the chooser reads of them) and a folder to put submissions in. */
async function course(labs: Record<string, string[]>): Promise<{ labsDir: string; folder: (name: string, files?: Record<string, string>) => Promise<string> }> {
  const root = await mkdtemp(join(tmpdir(), 'fitcheck-choose-'));
  const labsDir = join(root, 'labs');
  for (const [id, files] of Object.entries(labs)) {
    await mkdir(join(labsDir, id), { recursive: true });
    await writeFile(join(labsDir, id, 'lab.yaml'), `id: ${id}\nsubmission:\n  files: [${files.join(', ')}]\n  schema: ${id}-submission.schema.json\n`);
  }
  const folder = async (name: string, files: Record<string, string> = {}): Promise<string> => {
    const dir = join(root, 'submissions', name);
    await mkdir(dir, { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    return dir;
  };
  return { labsDir, folder };
}

describe('chooseLab', () => {
  it('lists the labs of grading/labs with the file names each reads', async () => {
    const { labsDir } = await course({ lab5: ['lab5.yaml', 'lab5.json'], optim: ['optim.yaml'] });
    expect(await listLabs(labsDir)).toEqual([{ id: 'lab5', files: ['lab5.yaml', 'lab5.json'] }, { id: 'optim', files: ['optim.yaml'] }]);
  });

  it("takes --lab first, then the submission's lab: key, then the lab whose file names it matched", async () => {
    const { labsDir, folder } = await course({ lab5: ['lab5.yaml'], optim: ['optim.yaml', 'answers.yaml'] });
    const keyed = await folder('keyed', { 'submission/answers.yaml': 'lab: lab5\nstudent: { name: A, id: "1" }\n' });
    expect(await chooseLab({ dir: keyed, labsDir })).toBe('lab5');
    expect(await chooseLab({ lab: 'optim', dir: keyed, labsDir })).toBe('optim');
    // No lab: key (or one naming no lab): the file's name says which lab reads it.
    const unkeyed = await folder('unkeyed', { 'optim.yaml': 'lab: lab9\n' });
    expect(await chooseLab({ dir: unkeyed, labsDir })).toBe('optim');
  });

  it('refuses to guess among several labs, naming them and the flag', async () => {
    const { labsDir, folder } = await course({ lab5: ['lab5.yaml'], optim: ['optim.yaml'] });
    const empty = await folder('empty');
    await expect(chooseLab({ dir: empty, labsDir })).rejects.toMatchObject({
      code: 'LAB_NOT_CHOSEN', message: expect.stringContaining(`the submission in ${empty} does not say which`), hint: 'pass --lab with one of: lab5, optim',
    });
    await expect(chooseLab({ labsDir })).rejects.toMatchObject({ code: 'LAB_NOT_CHOSEN' });
  });

  it('takes the only lab of a course that has one (a student repository from fitcheck template)', async () => {
    const { labsDir, folder } = await course({ lab5: ['lab5.yaml'] });
    expect(await chooseLab({ dir: await folder('nothing'), labsDir })).toBe('lab5');
    expect(await chooseLab({ labsDir })).toBe('lab5');
  });
});

describe('chooseBatchLab', () => {
  it('takes the one lab the student folders name, and refuses a class of two labs', async () => {
    const { labsDir, folder } = await course({ lab5: ['lab5.yaml'], optim: ['optim.yaml'] });
    await folder('one/ana', { 'lab5.yaml': 'lab: lab5\n' });
    await folder('one/bia', { 'repo/lab5.yaml': 'lab: lab5\n' });
    await folder('one/caio');
    const one = join(await folder('one'));
    expect(await chooseBatchLab({ root: one, labsDir })).toBe('lab5');
    await folder('two/ana', { 'lab5.yaml': 'lab: lab5\n' });
    await folder('two/bia', { 'optim.yaml': 'lab: optim\n' });
    await expect(chooseBatchLab({ root: await folder('two'), labsDir })).rejects.toMatchObject({
      code: 'LAB_NOT_CHOSEN', message: expect.stringContaining('several labs (lab5, optim)'),
    });
    expect(await chooseBatchLab({ lab: 'optim', root: await folder('two'), labsDir })).toBe('optim');
  });
});
