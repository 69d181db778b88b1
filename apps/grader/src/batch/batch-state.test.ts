import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishIn, ptLine } from '../test-helpers/pt-line.js';
import { readClassRows } from './class-rows.js';
import { readManifest } from './manifest.js';

/** An OUT with one finished student folder whose batch-entry.json holds `entry`. */
async function outWith(entry: string): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'fitcheck-state-'));
  await mkdir(join(out, 'ana'));
  await writeFile(join(out, 'ana', 'batch-entry.json'), entry);
  await writeFile(join(out, 'ana', 'results.json'), '{"score": 1, "tests": []}');
  return out;
}

describe('torn or hand-edited batch state is a typed error naming the file and the fix', () => {
  const good = { folder: 'ana', key: 'ana', studentId: null, studentName: null, status: 'graded', exitCode: 0, signal: null };

  it('reads a sound folder', async () => {
    const rows = await readClassRows(await outWith(JSON.stringify(good)));
    expect(rows.map((r) => r.entry.key)).toEqual(['ana']);
  });

  const torn = 'the file is torn or was edited by hand; ';
  it.each([
    ['torn', '{"folder": "ana", "key": "an', /batch-entry\.json:1:\d+: invalid JSON: Unterminated string\n/, torn],
    ['emptied', '{}', /missing the required key "folder"/, torn],
    ['retyped', JSON.stringify({ ...good, status: 'perfect' }), /status is "perfect", which is not one of: graded, invalid, error/, torn],
    ['moved', JSON.stringify({ ...good, key: 'bruno' }), /^the entry names the student folder "bruno" but lies in "ana" \(moved or edited by hand\)$/, ''],
  ])('a %s batch-entry.json', async (_, text, message, why) => {
    const out = await outWith(text);
    const error = await readClassRows(out).catch((e: unknown) => e);
    const file = join(out, 'ana', 'batch-entry.json');
    expect(error).toMatchObject({
      code: 'INVALID_BATCH_STATE',
      message: expect.stringMatching(message),
      hint: `${why}delete the folder ${join(out, 'ana')} and run the same fitcheck batch again: it grades that submission again`,
    });
    // The file is named: by each issue's place, or by the error's.
    expect((error as Error).message.startsWith(`${file}:`) || (error as { place: { file?: string } }).place.file === file).toBe(true);
  });

  it('says a torn batch-entry.json and one moved by hand in pt-BR, with the fix', async () => {
    const tornOut = await outWith('{"folder": "ana", "key": "an');
    const tornLine = ptLine(await readClassRows(tornOut).catch((e: unknown) => e));
    expect(tornLine).toMatch(new RegExp(`^${join(tornOut, 'ana', 'batch-entry.json')}:1:\\d+: JSON inválido aqui`));
    expect(tornLine).toContain(`\n  como corrigir: o arquivo está corrompido ou foi editado à mão; apague a pasta ${join(tornOut, 'ana')} e rode o mesmo fitcheck batch de novo`);
    expect(englishIn(tornLine)).toEqual([]);
    const movedOut = await outWith(JSON.stringify({ ...good, key: 'bruno' }));
    const movedLine = ptLine(await readClassRows(movedOut).catch((e: unknown) => e));
    expect(movedLine).toBe(`${join(movedOut, 'ana', 'batch-entry.json')}: o registro é da pasta de aluno "bruno", mas está em "ana" (foi movido ou editado à mão)`
      + `\n  como corrigir: apague a pasta ${join(movedOut, 'ana')} e rode o mesmo fitcheck batch de novo: ele corrige esse envio outra vez`);
  });

  it('a manifest whose keys are not a list, with its place', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-state-'));
    await writeFile(join(out, 'batch-manifest.json'), '{\n  "shard": null,\n  "keys": "ana"\n}\n');
    await expect(readManifest(out)).rejects.toMatchObject({
      code: 'INVALID_BATCH_STATE', message: `${join(out, 'batch-manifest.json')}:3:11: keys must be an array, got the string "ana"`,
    });
    await expect(readManifest(join(out, 'nowhere'))).rejects.toMatchObject({
      code: 'NOT_A_BATCH_OUTPUT', message: `no batch-manifest.json in ${join(out, 'nowhere')}`, hint: 'pass folders written by `fitcheck batch --out`',
    });
  });

  it('says a torn batch-manifest.json in pt-BR at its place, in English as its message', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-state-'));
    const file = join(out, 'batch-manifest.json');
    await writeFile(file, '{\n  "shard": null,\n  "keys": ["ana"\n');
    const error = await readManifest(out).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_BATCH_STATE', message: expect.stringMatching(new RegExp(`^${file}:\\d+:\\d+: invalid JSON: `)) });
    const line = ptLine(error);
    expect(line).toMatch(new RegExp(`^${file}:\\d+:\\d+: JSON inválido aqui \\(falta ou sobra uma vírgula, aspas, colchete ou chave\\?\\)`));
    expect(line).toContain('\n  como corrigir: o arquivo está corrompido ou foi editado à mão; rode o mesmo `fitcheck batch` de novo nessa parte: '
      + 'ele regrava o manifesto e mantém o que já foi corrigido');
    expect(englishIn(line)).toEqual([]);
    expect(ptLine(await readManifest(join(out, 'nowhere')).catch((e: unknown) => e))).toBe(
      `${join(out, 'nowhere', 'batch-manifest.json')}: não há batch-manifest.json em ${join(out, 'nowhere')}\n  como corrigir: passe pastas gravadas por \`fitcheck batch --out\``,
    );
  });
});
