import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishIn, ptLine } from '../test-helpers/pt-line.js';
import { regrade } from './regrade.js';

describe('regrade', () => {
  it('refuses a folder that is no grade or batch output, in English and in pt-BR', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-regrade-'));
    const overrides = join(out, 'o.csv');
    await writeFile(overrides, 'student,item,points\n');
    const error = await regrade({ out, overrides }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'NOT_A_BATCH_OUTPUT', message: `no batch-manifest.json or results.json in ${out}`,
      hint: 'pass a folder written by `fitcheck grade --out` or `fitcheck batch --out`',
    });
    const line = ptLine(error);
    expect(line).toBe(`${out}: não há batch-manifest.json nem results.json em ${out}\n`
      + '  como corrigir: passe uma pasta gravada por `fitcheck grade --out` ou `fitcheck batch --out`');
    expect(englishIn(line)).toEqual([]);
  });

  it("says a folder whose grade-record.json is gone in pt-BR: the read issue, then how to grade it again", async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-regrade-'));
    const overrides = join(out, 'o.csv');
    await writeFile(overrides, 'student,item,points\n');
    await writeFile(join(out, 'results.json'), '{"score": 1, "tests": []}');
    const record = join(out, 'grade-record.json');
    const line = ptLine(await regrade({ out, overrides }).catch((e: unknown) => e));
    expect(line).toBe(`${record}:1:1: ${record} não existe, ou é um link para nada que se possa ler\n`
      + `  como corrigir: corrija de novo o envio de ${out} (com fitcheck grade, ou apague a pasta e rode o mesmo fitcheck batch de novo): isso grava grade-record.json`);
    expect(englishIn(line)).toEqual([]);
  });
});
