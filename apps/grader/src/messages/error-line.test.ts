import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFitcheckError, readTextFile, type FitcheckError } from '@fitcheck/core';
import { describe, expect, it } from 'vitest';
import { GraderError } from '../errors.js';
import { fileErrorLine } from './error-line.js';
import { loadMessages } from './locale.js';

const pt = loadMessages('pt-BR');

/** What the real `readTextFile` throws for `path`. */
async function readError(path: string): Promise<FitcheckError<string>> {
  const e: unknown = await readTextFile(path, { maxBytes: 1024 }).then(() => undefined, (x: unknown) => x);
  if (!isFitcheckError(e)) throw new Error(`expected a FitcheckError for ${path}, got ${String(e)}`);
  return e;
}

describe('fileErrorLine', () => {
  it('says a missing lab5.yaml in pt-BR, file first, instead of English and an English "fix:"', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fitcheck-file-error-')), 'lab5.yaml');
    const e = await readError(file);
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(fileErrorLine(e, pt)).toBe(`${file}:1:1: ${file} não existe, ou é um link para nada que se possa ler`);
  });

  it('says a folder where a keras .json should be in pt-BR, with its fix', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fitcheck-file-error-')), 'model.json');
    await mkdir(file);
    expect(fileErrorLine(await readError(file), pt)).toBe(
      `${file}:1:1: ${file} não é um arquivo comum (uma pasta, um link, um FIFO ou um dispositivo): troque-o pelo próprio arquivo`,
    );
  });

  it("leaves English and any other error to the error's own words", async () => {
    const e = await readError(join(tmpdir(), 'fitcheck-no-such-dir', 'lab5.yaml'));
    expect(fileErrorLine(e, loadMessages('en'))).toBeUndefined();
    expect(fileErrorLine(new GraderError('INVALID_LAB', 'lab.yaml: bad'), pt)).toBeUndefined();
  });
});
