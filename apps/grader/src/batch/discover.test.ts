import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLab } from '../lab/load-lab.js';
import { englishIn, ptLine } from '../test-helpers/pt-line.js';
import { discoverSubmissions } from './discover.js';
import { readRoster } from './roster.js';

const CLASS = fileURLToPath(new URL('../../../../fixtures/class/', import.meta.url));
const lab = (await loadLab('lab5')).definition;

async function classOf(folders: Record<string, Record<string, string>>, extra: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'fitcheck-class-'));
  for (const [folder, files] of Object.entries(folders)) {
    await mkdir(join(root, folder), { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, folder, path, '..'), { recursive: true });
      await writeFile(join(root, folder, path), text);
    }
  }
  for (const [path, text] of Object.entries(extra)) await writeFile(join(root, path), text);
  return root;
}

describe('discoverSubmissions', () => {
  it("names each student by the folder, never by the submission's own id, which is kept to be cross-checked", async () => {
    const found = await discoverSubmissions(CLASS, lab);
    expect(found.map(({ folder, key, identity, submittedId, submittedName }) => ({ folder, key, id: identity.id, source: identity.source, submittedId, submittedName }))).toEqual([
      { folder: 'ana-lima', key: 'ana-lima', id: 'ana-lima', source: 'folder', submittedId: '2024-0107', submittedName: 'Ana Lima' },
      { folder: 'bruno-souza', key: 'bruno-souza', id: 'bruno-souza', source: 'folder', submittedId: '2024-0213', submittedName: 'Bruno Souza' },
      { folder: 'carla-dias', key: 'carla-dias', id: 'carla-dias', source: 'folder', submittedId: '2024-0388', submittedName: 'Carla Dias' },
      // `id: ../../x` names no folder: it is only what the submission says.
      { folder: 'dan', key: 'dan', id: 'dan', source: 'folder', submittedId: '../../x', submittedName: "=cmd|' /C calc'!A0" },
    ]);
  });

  it('finds the submission file anywhere in a cloned repository, never through a link out of the folder', async () => {
    const outside = await classOf({ elsewhere: { 'lab5.yaml': 'student: { id: stolen, name: S }\n' } });
    const root = await classOf({
      ana: { 'README.md': '# lab 5\n', 'submission/lab5.yaml': 'student: { id: "2024-0107", name: Ana }\n', '.git/lab5.yaml': 'student: { id: git }\n' },
      bia: {},
    });
    await symlink(join(outside, 'elsewhere'), join(root, 'bia', 'submission'));
    const found = await discoverSubmissions(root, lab);
    expect(found.map((s) => [s.folder, s.submittedId])).toEqual([['ana', '2024-0107'], ['bia', undefined]]);
  });

  it('takes identities from a roster by login, else from Gradescope metadata, else the folder; two folders claiming one id get their hash', async () => {
    const root = await classOf({
      'ana-lima': { 'lab5.yaml': 'student: { id: "0000-0000", name: Your Name }\n' },
      submission_123: { 'lab5.yaml': '' },
      p1: { 'lab5.yaml': '', 'submission_metadata.json': JSON.stringify({ users: [{ name: 'Caio', email: 'caio@uni.br', id: 7, sid: 'twin' }] }) },
      p2: { 'lab5.yaml': '' },
      'Zé': {},
    }, {
      // Gradescope's export: Ruby symbols as keys.
      'submission_metadata.yml': 'submission_123:\n  :submitters:\n  - :name: Bia Reis\n    :sid: "2024-0500"\n    :email: bia@uni.br\n',
      'roster.csv': 'login,id,name,section\nana-lima,2024-0107,Ana Lima,A\np2,twin,Caio Twin,B\n',
    });
    const found = await discoverSubmissions(root, lab, { roster: await readRoster(join(root, 'roster.csv')) });
    // python3: hashlib.sha256(b'p1').hexdigest()[:8] = f64551fc, b'p2' → 3946ca64; 'Zé' → d2005ff7
    expect(found.map((s) => [s.folder, s.key, s.identity.source, s.identity.name, s.identity.sid ?? null])).toEqual([
      ['Zé', 'z-d2005ff7', 'folder', null, null],
      ['ana-lima', '2024-0107', 'roster', 'Ana Lima', '2024-0107'],
      ['p1', 'twin~f64551fc', 'gradescope', 'Caio', 'twin'],
      ['p2', 'twin~3946ca64', 'roster', 'Caio Twin', 'twin'],
      ['submission_123', '2024-0500', 'gradescope', 'Bia Reis', '2024-0500'],
    ]);
  });

  it('refuses a roster without its columns, or with a login twice, naming the line', async () => {
    const root = await classOf({}, { 'a.csv': 'login,name\nana,Ana\n', 'b.csv': 'login,id,name\nana,1,Ana\nana,2,Ana\n' });
    await expect(readRoster(join(root, 'a.csv'))).rejects.toMatchObject({ code: 'INVALID_ROSTER', message: 'the roster has no id column' });
    await expect(readRoster(join(root, 'b.csv'))).rejects.toMatchObject({ code: 'INVALID_ROSTER', place: { line: 3 }, message: 'login "ana" is listed twice' });
  });

  it('says a roster missing a column, a login twice, a torn row and a missing file in pt-BR', async () => {
    const root = await classOf({}, {
      'a.csv': 'login,name\nana,Ana\n', 'b.csv': 'login,id,name\nana,1,Ana\nana,2,Ana\n', 'c.csv': 'login,id,name\nana,1\n', 'd.csv': 'login,id,name\n"ana,1,Ana\n',
    });
    const said = async (name: string) => ptLine(await readRoster(join(root, name)).catch((e: unknown) => e));
    const fix = '\n  como corrigir: a lista da turma é um arquivo CSV com um cabeçalho que nomeia login, id, name, uma linha por aluno';
    expect(await said('a.csv')).toBe(`${join(root, 'a.csv')}:1: falta a coluna id na lista da turma${fix}`);
    expect(await said('b.csv')).toBe(`${join(root, 'b.csv')}:3: o login "ana" aparece duas vezes\n  como corrigir: deixe uma linha só por aluno`);
    // csv-parse's errors said by their code; English keeps the sentence, the library's words gone.
    expect(await said('c.csv')).toBe(`${join(root, 'c.csv')}:2: esta linha tem 2 campos, mas o cabeçalho nomeia 3 colunas${fix}`);
    await expect(readRoster(join(root, 'c.csv'))).rejects.toMatchObject({ message: 'this row has 2 fields but the header names 3 columns' });
    expect(await said('d.csv')).toBe(`${join(root, 'd.csv')}:2: um campo entre aspas nunca é fechado: falta a aspa de fechamento${fix}`);
    expect(await said('none.csv')).toBe(`${join(root, 'none.csv')}:1:1: ${join(root, 'none.csv')} não existe, ou é um link para nada que se possa ler${fix}`);
    for (const name of ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'none.csv']) expect(englishIn(await said(name))).toEqual([]);
  });
});
