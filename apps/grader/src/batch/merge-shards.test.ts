import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishIn, ptLine } from '../test-helpers/pt-line.js';
import type { BatchManifest } from './manifest.js';
import { mergeShards } from './merge-shards.js';

/** A shard's OUT: its manifest, and a finished folder for each of `graded`. */
async function shardOut(manifest: BatchManifest, graded: string[] = []): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'fitcheck-merge-'));
  await writeFile(join(out, 'batch-manifest.json'), JSON.stringify(manifest));
  for (const key of graded) {
    await mkdir(join(out, key));
    const entry = { folder: key, key, studentId: null, studentName: null, status: 'graded', exitCode: 0, signal: null };
    await writeFile(join(out, key, 'batch-entry.json'), JSON.stringify(entry));
    await writeFile(join(out, key, 'results.json'), '{"score": 1, "tests": []}');
  }
  return out;
}

const refused = (shards: string[], out: string) => mergeShards(shards, out).catch((e: unknown) => e);

describe('mergeShards refuses an incomplete class, in English and in pt-BR', () => {
  it('shards of different splits', async () => {
    const a = await shardOut({ shard: { index: 1, count: 2 }, keys: [] });
    const b = await shardOut({ shard: { index: 2, count: 3 }, keys: [] });
    const error = await refused([a, b], join(a, '..', 'merged-never'));
    expect(error).toMatchObject({ code: 'INVALID_MERGE', message: 'shards of different splits (2, 3)', hint: 'merge the shards of one matrix run' });
    const line = ptLine(error);
    expect(line).toBe('partes de divisões diferentes (2, 3)\n  como corrigir: junte as partes de uma mesma execução da matriz');
    expect(englishIn(line)).toEqual([]);
  });

  it('a missing shard, a shard with ungraded submissions, one student in two shards, OUT among the shards', async () => {
    const one = await shardOut({ shard: { index: 1, count: 3 }, keys: [] });
    const three = await shardOut({ shard: { index: 3, count: 3 }, keys: [] });
    const missing = await refused([one, three], join(one, '..', 'merged-never'));
    expect(missing).toMatchObject({ code: 'MERGE_INCOMPLETE', message: 'have shards 1, 3 of 3', hint: 'pass exactly one output of each shard 1…3' });
    expect(ptLine(missing)).toBe('foram passadas as partes 1, 3 de 3\n  como corrigir: passe exatamente uma saída de cada parte, de 1 a 3');

    const half = await shardOut({ shard: null, keys: ['ana', 'bia'] }, ['ana']);
    const unfinished = await refused([half], join(half, '..', 'merged-never'));
    expect(unfinished).toMatchObject({ code: 'MERGE_INCOMPLETE', place: { file: half }, message: 'submissions not graded: 1 (bia)' });
    expect(ptLine(unfinished)).toBe(`${half}: envios não corrigidos: 1 (bia)\n`
      + '  como corrigir: rode o mesmo `fitcheck batch` de novo nessa parte: ele continua de onde parou');

    const first = await shardOut({ shard: { index: 1, count: 2 }, keys: ['ana'] }, ['ana']);
    const second = await shardOut({ shard: { index: 2, count: 2 }, keys: ['ana'] }, ['ana']);
    const twice = await refused([first, second], join(first, '..', 'merged-never'));
    expect(twice).toMatchObject({ code: 'INVALID_MERGE', message: `student folder "ana" is in ${first} and in ${second}` });
    expect(ptLine(twice)).toBe(`${second}: a pasta de aluno "ana" está em ${first} e em ${second}\n`
      + '  como corrigir: junte as saídas de uma mesma execução da matriz, cada parte uma vez');

    const into = await refused([first, second], first);
    expect(into).toMatchObject({ code: 'INVALID_MERGE', message: 'the merged output cannot be one of the shards' });
    expect(ptLine(into)).toBe(`${first}: a saída da junção não pode ser uma das partes\n  como corrigir: use uma pasta --out nova`);
    for (const e of [missing, unfinished, twice, into]) expect(englishIn(ptLine(e))).toEqual([]);
  });
});
