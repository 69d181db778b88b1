import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishIn, ptLine } from '../test-helpers/pt-line.js';
import type { GradescopeResults } from './gradescope.js';
import { applyOverrides, loadOverrides } from './overrides.js';

/** `text` written as `name` in a fresh folder; its path. */
async function fileOf(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'fitcheck-overrides-')), name);
  await writeFile(file, text);
  return file;
}

const csvFix = 'an overrides CSV has a header student,item,points,comment (comment optional) and one row per student and item, points a number ≥ 0';
const ptCsvFix = '\n  como corrigir: um CSV de sobreposições tem o cabeçalho student,item,points,comment (comment é opcional) e uma linha por aluno e item, com points um número ≥ 0';

describe('loadOverrides', () => {
  it('reads a spreadsheet export: BOM, padded header, an optional comment', async () => {
    const file = await fileOf('o.csv', '\uFEFF Student ,item,points,comment\n2024-0107,2,7.5,Cite os números.\n2024-0213,3,0,\n');
    expect(await loadOverrides(file)).toEqual([
      { student: '2024-0107', item: '2', points: 7.5, comment: 'Cite os números.' },
      { student: '2024-0213', item: '3', points: 0 },
    ]);
  });

  it('refuses points that are not a number ≥ 0 at their line, in English and in pt-BR', async () => {
    const file = await fileOf('o.csv', 'student,item,points\n2024-0107,2,eight\n');
    const error = await loadOverrides(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_OVERRIDES', place: { file, line: 2 }, message: 'points "eight" is not a number ≥ 0', hint: csvFix });
    const line = ptLine(error);
    expect(line).toBe(`${file}:2: os pontos "eight" não são um número ≥ 0${ptCsvFix}`);
    expect(englishIn(line)).toEqual([]);
  });

  it('says a missing column, a row without a student and a torn row in pt-BR', async () => {
    const said = async (text: string) => ptLine(await loadOverrides(await fileOf('o.csv', text)).catch((e: unknown) => e));
    expect(await said('student,item\n2024-0107,2\n')).toMatch(/o\.csv:1: falta a coluna points\n {2}como corrigir: /);
    expect(await said('student\n2024-0107\n')).toMatch(/o\.csv:1: faltam as colunas item, points\n/);
    expect(await said('student,item,points\n,2,3\n')).toMatch(/o\.csv:2: a linha não indica o aluno\n/);
    expect(await said('student,item,points\n2024-0107,2,3,4\n')).toMatch(/o\.csv:2: esta linha tem 4 campos, mas o cabeçalho nomeia 3 colunas\n/);
    await expect(loadOverrides(await fileOf('o.csv', 'student,item,points\n2024-0107,2,3,4\n'))).rejects.toMatchObject({
      message: 'this row has 4 fields but the header names 3 columns',
    });
    for (const text of ['student,item\n2024-0107,2\n', 'student,item,points\n,2,3\n', 'student,item,points\n2024-0107,"2,3\n']) {
      expect(englishIn(await said(text))).toEqual([]);
    }
  });

  it("reports each issue of a YAML overrides file, worded in pt-BR, with the file's fix", async () => {
    const file = await fileOf('o.yaml', 'overrides:\n  - { student: "2024-0388", item: "2", pionts: 4 }\n');
    const error = await loadOverrides(file).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_OVERRIDES',
      message: `${file}:2:5: overrides[0] is missing the required key "points"\n`
        + `${file}:2:40: unknown key "pionts" in overrides[0]; allowed: student, item, points, comment (did you mean "points"?)`,
      hint: 'an overrides file lists overrides: with student, item, points and an optional comment each (schema: apps/grader/schemas/overrides.schema.json)',
    });
    const line = ptLine(error);
    expect(line).toBe(`${file}:2:5: overrides[0]: falta a chave obrigatória "points"\n`
      + `${file}:2:40: overrides[0]: chave desconhecida "pionts"; as permitidas são: "student", "item", "points", "comment" (você quis dizer "points"?)\n`
      + '  como corrigir: um arquivo de sobreposições lista overrides:, cada uma com student, item, points e, se quiser, comment (esquema: apps/grader/schemas/overrides.schema.json)');
    expect(englishIn(line)).toEqual([]);
  });
});

describe('applyOverrides', () => {
  it("refuses an item the rubric lacks, naming the rubric's items", () => {
    const results = {
      score: 5, tests: [{ number: '1', score: 5, output: '', tags: [], extra_data: { points: 10, status: 'auto' } }, { number: '2', output: '', tags: [], extra_data: { points: 10, status: 'pending' } }],
      extra_data: { student: { id: '2024-0107' } },
    } as unknown as GradescopeResults;
    const error = (() => {
      try {
        return applyOverrides(results, [{ student: '2024-0107', item: '9', points: 1 }], 'o.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'INVALID_OVERRIDES', message: 'student 2024-0107: there is no rubric item "9"', hint: "the rubric's items are 1, 2" });
    expect(ptLine(error)).toBe('o.csv: aluno 2024-0107: a rubrica não tem o item "9"\n  como corrigir: os itens da rubrica são 1, 2');
  });
});
